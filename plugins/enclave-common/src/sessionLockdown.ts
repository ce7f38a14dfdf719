/*
 * Desktop session lock-down (guardrail G12): the WorkSpaces bundles the
 * platform team hardened, each with the lock-down it carries. WorkSpaces
 * Personal has no API that turns clipboard, file transfer, printing or USB
 * redirection off (docs/session-lockdown.md), so the lock-down lives in the
 * bundle's image (Ubuntu: DCV permissions file) or in the directory's group
 * policy (Windows), and the product's job is to refuse any other bundle and
 * to show what the approved one enforces. Shared by config parsing, the
 * provision checks, the guardrail report, the status API and the card.
 */
import { z } from 'zod';

/**
 * Tag on the stack's `aws_workspaces_directory` naming the bundle every
 * desktop of the environment is created from; G12 reads it at synth and plan.
 */
export const DESKTOP_BUNDLE_TAG = 'enclave:desktop-bundle';

/** Where a control is enforced; `none` means it is not enforced at all. */
export const LOCKDOWN_ENFORCERS = [
  'image',
  'directory-gpo',
  'aws',
  'none',
] as const;
export type LockdownEnforcer = (typeof LOCKDOWN_ENFORCERS)[number];

/** Redirections G12 requires blocked: clipboard both ways, file transfer, printing, USB. */
export const REQUIRED_BLOCKED_CONTROLS = [
  'clipboardIn',
  'clipboardOut',
  'fileTransfer',
  'printing',
  'usb',
] as const;
/** Reported but not required: a webcam feeds the desktop, it does not export from it. */
export const REPORTED_CONTROLS = ['webcam'] as const;
export type RedirectionControl =
  | (typeof REQUIRED_BLOCKED_CONTROLS)[number]
  | (typeof REPORTED_CONTROLS)[number];

export const CONTROL_LABELS: Record<RedirectionControl | 'watermark', string> =
  {
    clipboardIn: 'clipboard in (client → desktop)',
    clipboardOut: 'clipboard out (desktop → client)',
    fileTransfer: 'file transfer / session storage',
    printing: 'printing to a local printer',
    usb: 'USB redirection',
    webcam: 'webcam redirection',
    watermark: 'watermark / screen-capture protection',
  };

const enforcedBy = z.enum(LOCKDOWN_ENFORCERS);
const how = z
  .string()
  .min(
    1,
    'say how it is enforced, e.g. "image: /etc/dcv/default.perm denies clipboard-copy"',
  );

const redirectionControlSchema = z
  .object({ blocked: z.boolean(), enforcedBy, how })
  .strict()
  .refine(c => !c.blocked || c.enforcedBy !== 'none', {
    message: 'a blocked control needs an enforcer other than none',
    path: ['enforcedBy'],
  });
export type RedirectionControlState = z.infer<typeof redirectionControlSchema>;

const watermarkSchema = z
  .object({ shown: z.boolean(), enforcedBy, how })
  .strict();

const lockDownSchema = z
  .object({
    clipboardIn: redirectionControlSchema,
    clipboardOut: redirectionControlSchema,
    fileTransfer: redirectionControlSchema,
    printing: redirectionControlSchema,
    usb: redirectionControlSchema,
    webcam: redirectionControlSchema,
    watermark: watermarkSchema,
  })
  .strict()
  .superRefine((lockDown, ctx) => {
    for (const key of REQUIRED_BLOCKED_CONTROLS) {
      if (!lockDown[key].blocked) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key, 'blocked'],
          message: `an approved bundle must block ${CONTROL_LABELS[key]} (G12); harden the image and set blocked: true, or do not list the bundle`,
        });
      }
    }
  });
export type SessionLockdown = z.infer<typeof lockDownSchema>;

export const approvedBundleSchema = z
  .object({
    /**
     * The bundle's name as DescribeWorkspaceBundles reports it; the template's
     * `workspaces.bundleName` must equal one of these.
     */
    name: z.string().min(1),
    /**
     * Bundle owner: the account id that created it (CreateWorkspaceBundle), or
     * `AMAZON` for a public bundle whose lock-down comes from group policy.
     */
    owner: z.union([
      z.string().regex(/^\d{12}$/, 'must be a 12-digit account id or AMAZON'),
      z.literal('AMAZON'),
    ]),
    /**
     * Bundle ids (per region) that carry this name; when set, a desktop on
     * any other id is reported as unapproved. Pattern from botocore `BundleId`.
     */
    bundleIds: z
      .array(
        z
          .string()
          .regex(/^wsb-[0-9a-z]{8,63}$/, 'must look like wsb-0123456789'),
      )
      .default([]),
    /** The hardened image (CreateWorkspaceImage); checked against the bundle's `ImageId`. */
    imageId: z
      .string()
      .regex(/^wsi-[0-9a-z]{9,63}$/, 'must look like wsi-0123456789')
      .optional(),
    platform: z.enum(['ubuntu', 'windows']),
    lockDown: lockDownSchema,
  })
  .strict();
export type ApprovedBundle = z.infer<typeof approvedBundleSchema>;

export const workspacesConfigSchema = z.object({
  /**
   * Hardened bundles a desktop may use (G12). Empty: plan mode shows
   * "session lock-down: not configured"; apply mode refuses to provision.
   */
  approvedBundles: z.array(approvedBundleSchema).default([]),
});
export type WorkspacesConfig = z.infer<typeof workspacesConfigSchema>;

const normalize = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The approved entry for a bundle name (compared as AWS names are: trimmed, case-insensitive). */
export function findApprovedBundle(
  approved: readonly ApprovedBundle[],
  bundleName: string,
): ApprovedBundle | undefined {
  return approved.find(b => normalize(b.name) === normalize(bundleName));
}

/** One line for reports: `clipboard in: blocked (image), …`. */
export function describeLockdown(lockDown: SessionLockdown): string {
  const parts = [...REQUIRED_BLOCKED_CONTROLS, ...REPORTED_CONTROLS].map(
    key =>
      `${key}: ${lockDown[key].blocked ? 'blocked' : 'allowed'} (${
        lockDown[key].enforcedBy
      })`,
  );
  parts.push(
    `watermark: ${lockDown.watermark.shown ? 'shown' : 'none'} (${
      lockDown.watermark.enforcedBy
    })`,
  );
  return parts.join(', ');
}

/** The message every refusal of an unapproved bundle carries. */
export function unapprovedBundleMessage(
  bundleName: string,
  approved: readonly ApprovedBundle[],
): string {
  return approved.length === 0
    ? `session lock-down: not configured. Bundle "${bundleName}" cannot be checked because dataEnclave.workspaces.approvedBundles is empty: build a hardened bundle (docs/session-lockdown.md) and list it there`
    : `WorkSpaces bundle "${bundleName}" is not in dataEnclave.workspaces.approvedBundles (${approved
        .map(b => `"${b.name}"`)
        .join(
          ', ',
        )}): choose an approved bundle, or have the platform team harden this one and list it (docs/session-lockdown.md)`;
}
