/*
 * EnvironmentSpec: everything needed to synthesize one secure data-science
 * environment. It is the contract between the scaffolder template, the
 * registry and the stack, so every rule that can be checked without AWS is
 * checked here, with messages that name what is allowed.
 */
import { z } from 'zod';
import {
  cidrContains,
  clientCidrProblem,
  parseIpv4Cidr,
  RFC1918_BLOCKS,
} from './cidr';
import {
  deriveDirectoryDomain,
  deriveNetbiosName,
  deriveVpcCidr,
} from './naming';
import {
  isWorkspacesRegion,
  WORKSPACES_REGIONS,
} from './workspacesAvailabilityZones';
import { protocolProblem, WORKSPACES_PROTOCOLS } from './workspacesProtocols';

/** DNS-safe slug: lowercase letters, digits and '-', 3–32 chars, starts with a letter. */
export const ENVIRONMENT_NAME_PATTERN = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

/**
 * sAMAccountName: at most 20 characters (the pre-Windows 2000 logon name
 * limit). We allow the safe subset letters, digits, '.', '_' and '-', not
 * starting with '.' or '-' and not ending with '.', which avoids every character
 * AD rejects (`"/\[]:;|=,+*?<>@` and spaces).
 */
export const SAM_ACCOUNT_NAME_PATTERN =
  /^[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,18}[A-Za-z0-9_-])?$/;

/** Names AWS Managed Microsoft AD already uses or reserves. */
export const RESERVED_USERNAMES: readonly string[] = [
  'admin',
  'administrator',
  'guest',
  'krbtgt',
  'defaultaccount',
];

/**
 * Newest EMR 7 release in the EMR Release Guide when this was written
 * (emr-7.14.0, September 2026). Bump it together with `stackVersion`.
 */
export const DEFAULT_EMR_RELEASE_LABEL = 'emr-7.14.0';

/** EMR applications the enclave offers. Spark is mandatory. */
export const EMR_APPLICATIONS = [
  'Spark',
  'Hadoop',
  'Livy',
  'JupyterEnterpriseGateway',
] as const;

/** WorkSpaces compute types (the `ComputeTypeName` API enum). */
export const WORKSPACES_COMPUTE_TYPES = [
  'VALUE',
  'STANDARD',
  'PERFORMANCE',
  'POWER',
  'POWERPRO',
  'GENERALPURPOSE_4XLARGE',
  'GENERALPURPOSE_8XLARGE',
  'GRAPHICS_G4DN',
  'GRAPHICSPRO_G4DN',
] as const;

/** WorkSpaces IP access groups hold at most 10 rules by default. */
export const MAX_CLIENT_CIDRS = 10;

/** Options that come from platform config (`dataEnclave.guardrails`), not from the requester. */
export interface EnvironmentSpecSchemaOptions {
  /** `dataEnclave.guardrails.allowAnyClientCidr`: allow `0.0.0.0/0` among client CIDRs. */
  allowAnyClientCidr?: boolean;
}

const entityRef = (kind: 'group' | 'user') =>
  z
    .string()
    .regex(
      new RegExp(
        `^${kind}:[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}/[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$`,
      ),
      `must be a full ${kind} entity ref like ${kind}:default/${
        kind === 'group' ? 'data-science' : 'jane.doe'
      }`,
    );

const ipv4Cidr = z.string().superRefine((value, ctx) => {
  const parsed = parseIpv4Cidr(value);
  if (!parsed.ok)
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
});

const userSchema = z.object({
  username: z
    .string()
    .regex(
      SAM_ACCOUNT_NAME_PATTERN,
      "must be 1–20 characters of letters, digits, '.', '_' or '-' (an AD sAMAccountName), not starting with '.' or '-' nor ending with '.'",
    )
    .refine(u => !RESERVED_USERNAMES.includes(u.toLowerCase()), {
      message: `must not be a reserved directory name (${RESERVED_USERNAMES.join(
        ', ',
      )})`,
    }),
  email: z.string().email('must be an email address'),
  entityRef: entityRef('user'),
});
export type EnvironmentUser = z.infer<typeof userSchema>;

const emrSchema = z
  .object({
    releaseLabel: z
      .string()
      .regex(
        /^emr-7\.\d+\.\d+$/,
        'must be an EMR 7 release label like emr-7.14.0',
      )
      .default(DEFAULT_EMR_RELEASE_LABEL),
    instanceType: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]*\.[a-z0-9]+$/,
        'must be an EC2 instance type like m5.xlarge',
      )
      .default('m5.xlarge'),
    /** Core nodes; the cluster has 1 primary + this many core nodes. */
    coreNodeCount: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1 (HDFS needs a core node)')
      .max(20, 'must be at most 20; ask the platform team for larger clusters')
      .default(2),
    applications: z
      .array(
        z.enum(EMR_APPLICATIONS, {
          errorMap: () => ({
            message: `must be one of ${EMR_APPLICATIONS.join(', ')}`,
          }),
        }),
      )
      .default(['Spark'])
      .refine(apps => apps.includes('Spark'), {
        message: 'must include Spark',
      }),
    /** Idle minutes before EMR terminates the cluster (auto-termination policy). */
    idleTimeoutMinutes: z
      .number()
      .int('must be a whole number')
      .min(5, 'must be at least 5 minutes')
      .max(10080, 'must be at most 10080 minutes (7 days)')
      .default(60),
  })
  .default({});

const directorySchema = z
  .object({
    domainName: z
      .string()
      .max(255)
      .regex(
        /^(?=.{1,255}$)[a-z][a-z0-9-]{0,62}(\.[a-z][a-z0-9-]{0,62})+$/,
        'must be a lowercase DNS name with at least two labels, e.g. analytics.enclave.internal',
      )
      .optional(),
    shortName: z
      .string()
      .regex(
        /^[A-Z][A-Z0-9-]{0,14}$/,
        'must be 1–15 uppercase letters, digits or - (NetBIOS name)',
      )
      .optional(),
  })
  .default({});

const workspacesSchema = z
  .object({
    bundleName: z
      .string()
      .min(1, 'must not be empty')
      .default('Standard with Ubuntu 22.04'),
    computeType: z
      .enum(WORKSPACES_COMPUTE_TYPES, {
        errorMap: () => ({
          message: `must be one of ${WORKSPACES_COMPUTE_TYPES.join(', ')}`,
        }),
      })
      .default('PERFORMANCE'),
    /** Only AUTO_STOP is offered: an always-on desktop is cost with no security benefit. */
    runningMode: z
      .literal('AUTO_STOP', {
        errorMap: () => ({ message: 'must be AUTO_STOP' }),
      })
      .default('AUTO_STOP'),
    runningModeAutoStopTimeoutInMinutes: z
      .number()
      .int('must be a whole number')
      .min(60, 'must be at least 60')
      .max(2880, 'must be at most 2880 (48 hours)')
      .refine(m => m % 60 === 0, {
        message: 'must be a multiple of 60 (WorkSpaces bills by the hour)',
      })
      .default(60),
    /** Streaming protocol. Default WSP (Amazon DCV); PCOIP only on Windows bundles. */
    protocol: z
      .enum(WORKSPACES_PROTOCOLS, {
        errorMap: () => ({
          message: `must be one of ${WORKSPACES_PROTOCOLS.join(', ')}`,
        }),
      })
      .default('WSP'),
  })
  .superRefine((workspaces, ctx) => {
    const problem = protocolProblem(workspaces.protocol, workspaces.bundleName);
    if (problem)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['protocol'],
        message: problem,
      });
  })
  .default({});

/**
 * Builds the schema. Config-dependent rules (`allowAnyClientCidr`) are options so
 * the same schema serves the template (strict) and platform tools (configured).
 */
export function createEnvironmentSpecSchema(
  options: EnvironmentSpecSchemaOptions = {},
) {
  return z
    .object({
      /** Free-text note (JSON has no comments); dropped after validation. */
      $comment: z.string().optional(),
      /** DNS-safe environment name, unique per team (the registry enforces uniqueness). */
      name: z
        .string()
        .regex(
          ENVIRONMENT_NAME_PATTERN,
          "must be 3–32 characters of lowercase letters, digits and '-', start with a letter and not end with '-'",
        ),
      /** Owning team, a full group entity ref. */
      team: entityRef('group'),
      region: z.string().refine(isWorkspacesRegion, {
        message: `must be a region with Amazon WorkSpaces support: ${WORKSPACES_REGIONS.join(
          ', ',
        )}`,
      }),
      accountId: z
        .string()
        .regex(/^\d{12}$/, 'must be a 12-digit AWS account id'),
      /** VPC CIDR; default derived from the name (see `deriveVpcCidr`). */
      vpcCidr: ipv4Cidr
        .superRefine((value, ctx) => {
          const parsed = parseIpv4Cidr(value);
          if (!parsed.ok) return; // reported by ipv4Cidr
          const { cidr } = parsed;
          if (cidr.prefix < 16 || cidr.prefix > 24) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message:
                'must have a prefix between /16 and /24 (AWS VPC limits, room for 2 subnets)',
            });
          }
          if (!RFC1918_BLOCKS.some(block => cidrContains(block, cidr))) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message:
                'must be inside an RFC 1918 range: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16',
            });
          }
        })
        .optional(),
      /** Public CIDRs the WorkSpaces clients connect from (the IP access group). */
      clientCidrs: z
        .array(
          // The same function as the template's EnclaveClientCidr field, so
          // the form refuses exactly what this refuses, with the same words.
          z.string().superRefine((value, ctx) => {
            const problem = clientCidrProblem(value, options);
            if (problem)
              ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
          }),
        )
        .min(
          1,
          'must list at least one client CIDR (WorkSpaces are reachable only from these)',
        )
        .max(
          MAX_CLIENT_CIDRS,
          `must list at most ${MAX_CLIENT_CIDRS} CIDRs (WorkSpaces IP group rule limit)`,
        )
        .refine(c => new Set(c).size === c.length, {
          message: 'must not contain duplicates',
        }),
      users: z
        .array(userSchema)
        .default([])
        .superRefine((users, ctx) => {
          const seen = new Set<string>();
          users.forEach((user, index) => {
            const key = user.username.toLowerCase();
            if (seen.has(key)) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: [index, 'username'],
                message: `duplicates another user's username '${user.username}' (AD names are case-insensitive)`,
              });
            }
            seen.add(key);
          });
        }),
      emr: emrSchema,
      directory: directorySchema,
      workspaces: workspacesSchema,
      /** Platform stack version (`dataEnclave.stackVersion`), tagged on every resource. */
      stackVersion: z
        .string()
        .regex(
          /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/,
          'must be a semantic version like 1.0.0',
        )
        .default('1.0.0'),
    })
    .strict()
    .transform(({ $comment: _comment, ...spec }) => ({
      ...spec,
      vpcCidr: spec.vpcCidr ?? deriveVpcCidr(spec.name),
      directory: {
        domainName:
          spec.directory.domainName ?? deriveDirectoryDomain(spec.name),
        shortName: spec.directory.shortName ?? deriveNetbiosName(spec.name),
      },
    }));
}

/** The strict schema (no `0.0.0.0/0` clients). */
export const environmentSpecSchema = createEnvironmentSpecSchema();

/** A validated spec with every default filled in. */
export type EnvironmentSpec = z.output<typeof environmentSpecSchema>;
/** What callers may pass: defaults and derived fields may be omitted. */
export type EnvironmentSpecInput = z.input<typeof environmentSpecSchema>;

/** Thrown by `parseEnvironmentSpec`; `issues` are `path: message` lines. */
export class EnvironmentSpecError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid environment spec:\n  - ${issues.join('\n  - ')}`);
    this.name = 'EnvironmentSpecError';
    this.issues = issues;
  }
}

/** Formats zod issues as `field.path: message` (the field is always named). */
export function formatSpecIssues(error: z.ZodError): string[] {
  return error.issues.map(issue => {
    const path = issue.path.length ? issue.path.join('.') : '(spec)';
    return `${path}: ${issue.message}`;
  });
}

/** Validates and fills defaults; throws `EnvironmentSpecError` naming each bad field. */
export function parseEnvironmentSpec(
  input: unknown,
  options: EnvironmentSpecSchemaOptions = {},
): EnvironmentSpec {
  const result = createEnvironmentSpecSchema(options).safeParse(input);
  if (!result.success)
    throw new EnvironmentSpecError(formatSpecIssues(result.error));
  return result.data;
}
