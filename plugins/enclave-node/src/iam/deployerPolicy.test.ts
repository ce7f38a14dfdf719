/*
 * The deployer policy judged by an engine we did not write.
 *
 * Every AWS call Terraform's provider (hashicorp/aws 5.100.0, providerCalls.ts)
 * and our SDK code (sdkCalls.ts) make for the synthesized stack is evaluated
 * with @cloud-copilot/iam-simulate against docs/iam-policy.json, with the
 * stack's own KMS key policy as the resource policy of KMS key calls (KMS
 * honours IAM policies only when the key policy delegates to the account:
 * KMS Developer Guide, "Default key policy" → "Allows access to the AWS
 * account and enables IAM policies"). Every call must be Allowed; the list
 * and the count are printed. iam-simulate is AGPL and test-only here.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { synthesizeEnvironment, synthesizeOptionsFromConfig } from '../stack';
import { BASE_SPEC } from '../stack/__testUtils__/synthJson';
import { EXAMPLE_SPEC_PATH } from '../guardrails/__testUtils__/cleanStack';
import {
  ApiCall,
  CallEnvironment,
  fillContext,
  fillTemplate,
} from './apiCalls';
import { PROVIDER_CALLS, PROVIDER_STARTUP_CALLS } from './providerCalls';
import { DIRECTORY_DATA_CALLS, SDK_CALLS } from './sdkCalls';
import callGraph from './providerCallGraph.json';
import {
  deployerPolicy,
  deployerPolicyOptionsFromConfig,
  renderDeployerPolicy,
} from './deployerPolicy';

const REPO = resolve(__dirname, '../../../..');
const POLICY_PATH = resolve(REPO, 'docs/iam-policy.json');
const committedPolicy = JSON.parse(readFileSync(POLICY_PATH, 'utf8'));
const ACCOUNT = '123456789012';
const DEPLOYER = `arn:aws:iam::${ACCOUNT}:role/enclave-provisioner`;

interface SynthesizedStack {
  types: Set<string>;
  env: CallEnvironment;
  keyPolicy: unknown;
}

/** Resource types of every stack variant, plus the example stack's names and key policy. */
function synthesizeVariants(): SynthesizedStack {
  const out = mkdtempSync(join(tmpdir(), 'enclave-deployer-'));
  const apply = parseDataEnclaveConfig({
    mode: 'apply',
    accounts: [
      {
        accountId: ACCOUNT,
        regions: ['eu-west-1'],
        roleArn: DEPLOYER,
        platformAdminRoleArn: `arn:aws:iam::${ACCOUNT}:role/platform-admin`,
      },
    ],
    terraform: {
      backend: {
        type: 's3',
        bucket: 'state-bucket',
        region: 'eu-west-1',
        kmsKeyId: 'alias/state',
      },
    },
    guardrails: { allowedExtraDomains: ['pypi.org'] },
  });
  const variants = [
    { spec: JSON.parse(readFileSync(EXAMPLE_SPEC_PATH, 'utf8')), options: {} },
    { spec: BASE_SPEC, options: {} },
    {
      spec: BASE_SPEC,
      options: synthesizeOptionsFromConfig(apply, {
        accountId: ACCOUNT,
        region: 'eu-west-1',
      }),
    },
  ];
  const types = new Set<string>();
  let example: Omit<SynthesizedStack, 'types'> | undefined;
  try {
    variants.forEach(({ spec, options }, i) => {
      const { summary } = synthesizeEnvironment(
        spec,
        join(out, `v${i}`),
        options,
      );
      const json = JSON.parse(readFileSync(summary.file, 'utf8'));
      Object.keys(json.resource ?? {}).forEach(t => types.add(t));
      // Data sources would call AWS at plan time: the design has none.
      expect(Object.keys(json.data ?? {})).toEqual([]);
      if (i === 0) {
        const [key] = Object.values<any>(json.resource.aws_kms_key);
        const [alias] = Object.values<any>(json.resource.aws_kms_alias);
        example = {
          env: {
            region: json.provider.aws[0].region,
            account: ACCOUNT,
            name: String(alias.name).replace(/^alias\//, ''),
          },
          keyPolicy: JSON.parse(key.policy),
        };
      }
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return { types, ...example! };
}

/** Production sources (no tests, no test utilities) of the backend packages. */
function productionSources(): Array<{ file: string; text: string }> {
  const roots = [
    'enclave-node/src',
    'enclave-backend/src',
    'scaffolder-backend-module-enclave/src',
  ];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
      const path = join(dir, entry.name);
      if (entry.isDirectory())
        return entry.name.startsWith('__') ? [] : walk(path);
      return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)
        ? [path]
        : [];
    });
  return roots
    .flatMap(root => walk(resolve(REPO, 'plugins', root)))
    .map(file => ({
      file: relative(REPO, file),
      text: readFileSync(file, 'utf8'),
    }));
}

/** `<client>:<Operation>` → files, for every SDK v3 command or paginator the sources call. */
function sdkOperationsUsed(): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const importPattern =
    /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g;
  for (const { file, text } of productionSources()) {
    for (const match of text.matchAll(importPattern)) {
      for (const raw of match[1].split(',')) {
        const name = raw.trim().split(/\s+as\s+/)[0];
        const command = /^([A-Z]\w+)Command$/.exec(name);
        const paginator = /^paginate([A-Z]\w+)$/.exec(name);
        const op = command?.[1] ?? paginator?.[1];
        const called = command
          ? new RegExp(`new ${name}\\(`).test(text)
          : new RegExp(`\\b${name}\\(`).test(text);
        if (!op || !called) continue;
        const key = `${match[2]}:${op}`;
        used.set(key, (used.get(key) ?? new Set()).add(file));
      }
    }
  }
  return used;
}

interface JudgedCall extends ApiCall {
  origin: string;
}

/** The account the resource lives in (AWS-managed ARNs have none). */
function resourceAccount(arn: string): string {
  const account = arn.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : ACCOUNT;
}

async function simulate(
  call: ApiCall,
  env: CallEnvironment,
  identityPolicy: unknown,
  keyPolicy: unknown,
  principal = DEPLOYER,
): Promise<string> {
  const resource = fillTemplate(call.resource, env);
  const global = /^(iam|sts):/.test(call.action);
  const isKeyCall = /^kms:/.test(call.action) && /:key\//.test(resource);
  const result = await runSimulation(
    {
      request: {
        principal,
        action: call.action,
        resource: { resource, accountId: resourceAccount(resource) },
        contextVariables: {
          ...(global ? {} : { 'aws:RequestedRegion': env.region }),
          ...fillContext(call.context, env),
        },
      },
      identityPolicies: [{ name: 'deployer', policy: identityPolicy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: isKeyCall ? keyPolicy : undefined,
    },
    {},
  );
  if (result.resultType === 'error')
    return `Error: ${JSON.stringify(result.errors)}`;
  return result.overallResult;
}

describe('the deployer policy (docs/iam-policy.json), judged by iam-simulate', () => {
  const stack = synthesizeVariants();

  it('is the generator output for the default config (regenerate: yarn enclave iam-policy)', () => {
    const generated = renderDeployerPolicy(
      deployerPolicy(
        deployerPolicyOptionsFromConfig(parseDataEnclaveConfig({})),
      ),
    );
    expect(readFileSync(POLICY_PATH, 'utf8')).toBe(generated);
  });

  it('has the provider calls of every resource type the stack synthesizes', () => {
    expect(stack.types.size).toBeGreaterThan(20);
    expect([...stack.types].filter(t => !PROVIDER_CALLS[t])).toEqual([]);
  });

  it('covers every operation the 5.100.0 binary reaches for each resource type (providerCallGraph.json)', () => {
    expect(callGraph.provider).toBe('hashicorp/aws 5.100.0');
    const graph = callGraph.types as Record<string, { operations: string[] }>;
    const gaps: string[] = [];
    for (const type of [...stack.types].filter(t => graph[t])) {
      const entry = PROVIDER_CALLS[type];
      const listed = new Set(
        entry.calls.flatMap(c => [c.api, c.action.split(':')[1]]),
      );
      const reached = graph[type].operations;
      for (const op of reached)
        if (!listed.has(op) && !entry.notReached?.[op])
          gaps.push(
            `${type}: ${op} is reached but neither listed nor notReached`,
          );
      for (const op of Object.keys(entry.notReached ?? {}))
        if (!reached.includes(op))
          gaps.push(
            `${type}: notReached ${op} is not in the binary's call graph`,
          );
    }
    expect(gaps).toEqual([]);
    // Review item 2: the cluster read lists steps and instance fleets.
    expect(graph.aws_emr_cluster.operations).toEqual(
      expect.arrayContaining(['ListSteps', 'ListInstanceFleets']),
    );
  });

  it('has an entry for every SDK call the code makes, and none the code no longer makes', () => {
    const used = sdkOperationsUsed();
    // Guards against a scan that finds nothing (a broken pattern).
    expect([...used.keys()]).toEqual(
      expect.arrayContaining([
        'workspaces:CreateWorkspaces',
        'secrets-manager:GetSecretValue',
      ]),
    );
    expect([...used.keys()].filter(k => !SDK_CALLS[k])).toEqual([]);
    expect(Object.keys(SDK_CALLS).filter(k => !used.has(k))).toEqual([]);
    const unlisted = [...used].flatMap(([key, files]) =>
      [...files]
        .filter(f => !SDK_CALLS[key].files.includes(f))
        .map(f => `${key} in ${f}`),
    );
    expect(unlisted).toEqual([]);
    const client = readFileSync(
      resolve(__dirname, '../aws/directoryDataClient.ts'),
      'utf8',
    );
    const paths = [...client.matchAll(/'(\/Users\/\w+)'/g)].map(m => m[1]);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter(p => !DIRECTORY_DATA_CALLS[p])).toEqual([]);
  });

  it('allows every provider and SDK call (list and count printed)', async () => {
    const calls: JudgedCall[] = [
      ...PROVIDER_STARTUP_CALLS.calls.map(c => ({
        ...c,
        origin: `provider ${PROVIDER_STARTUP_CALLS.source}`,
      })),
      ...[...stack.types].sort().flatMap(type =>
        PROVIDER_CALLS[type].calls.map(c => ({
          ...c,
          origin: `${type} ${PROVIDER_CALLS[type].source}${
            PROVIDER_CALLS[type].commit
              ? `@${PROVIDER_CALLS[type].commit!.slice(0, 10)}`
              : ''
          }`,
        })),
      ),
      ...Object.entries(SDK_CALLS).flatMap(([key, entry]) =>
        entry.calls.map(c => ({
          ...c,
          origin: `sdk ${key} ${entry.files.join(',')}`,
        })),
      ),
      ...Object.entries(DIRECTORY_DATA_CALLS).flatMap(([path, list]) =>
        list.map(c => ({
          ...c,
          origin: `ds-data ${path} plugins/enclave-node/src/aws/directoryDataClient.ts`,
        })),
      ),
    ];
    const results = await Promise.all(
      calls.map(async call => ({
        call,
        result: await simulate(
          call,
          stack.env,
          committedPolicy,
          stack.keyPolicy,
        ),
      })),
    );
    const lines = results.map(
      ({ call, result }) =>
        `${result.padEnd(16)} ${call.action.padEnd(48)} ${fillTemplate(
          call.resource,
          stack.env,
        )}  [${call.on.join(',')}] ${call.origin}${
          call.context
            ? ` ${JSON.stringify(fillContext(call.context, stack.env))}`
            : ''
        }`,
    );
    const allowed = results.filter(r => r.result === 'Allowed').length;
    // eslint-disable-next-line no-console
    console.log(
      `deployer calls judged by iam-simulate: ${allowed}/${
        results.length
      } Allowed\n${lines.join('\n')}`,
    );
    expect(
      results
        .filter(r => r.result !== 'Allowed')
        .map(r => lines[results.indexOf(r)]),
    ).toEqual([]);
    expect(results.length).toBeGreaterThan(250);
    // Least privilege: every action the policy grants is needed by some call.
    const needed = new Set(calls.map(c => c.action));
    const granted = (
      committedPolicy.Statement as Array<{ Action: string[] }>
    ).flatMap(st => st.Action);
    expect(granted.filter(a => !needed.has(a))).toEqual([]);
  }, 120_000);

  it('an account-specific policy from config allows the same calls', async () => {
    const config = parseDataEnclaveConfig({
      accounts: [{ accountId: ACCOUNT, regions: ['eu-west-1'] }],
    });
    const policy = deployerPolicy(
      deployerPolicyOptionsFromConfig(config, ACCOUNT),
    );
    const calls = [
      ...[...stack.types].flatMap(t => PROVIDER_CALLS[t].calls),
      ...Object.values(SDK_CALLS).flatMap(e => e.calls),
    ];
    const results = await Promise.all(
      calls.map(async call => ({
        call,
        result: await simulate(call, stack.env, policy, stack.keyPolicy),
      })),
    );
    expect(
      results
        .filter(r => r.result !== 'Allowed')
        .map(r => `${r.result} ${r.call.action}`),
    ).toEqual([]);
  }, 120_000);

  describe('the environment key (review item 1)', () => {
    const viaSm = {
      'kms:ViaService': 'secretsmanager.{region}.amazonaws.com',
      'kms:CallerAccount': '{account}',
    };
    const key = PROVIDER_CALLS.aws_kms_key.calls[1].resource;

    it('the deployer can store and read secrets under it through Secrets Manager', async () => {
      for (const call of [
        SDK_CALLS['secrets-manager:CreateSecret'].calls,
        SDK_CALLS['secrets-manager:PutSecretValue'].calls,
        SDK_CALLS['secrets-manager:GetSecretValue'].calls,
      ].flat()) {
        expect(
          await simulate(call, stack.env, committedPolicy, stack.keyPolicy),
        ).toBe('Allowed');
      }
    });

    it('is not usable directly, outside Secrets Manager or WorkSpaces', async () => {
      for (const action of [
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:CreateGrant',
      ]) {
        expect(
          await simulate(
            { action, resource: key, on: ['sdk'] },
            stack.env,
            committedPolicy,
            stack.keyPolicy,
          ),
        ).not.toBe('Allowed');
      }
    });

    it('a foreign account cannot use it, even with an allow-all identity policy', async () => {
      const allowAll = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      };
      for (const action of [
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:PutKeyPolicy',
      ]) {
        expect(
          await simulate(
            { action, resource: key, on: ['sdk'], context: viaSm },
            stack.env,
            allowAll,
            stack.keyPolicy,
            'arn:aws:iam::999999999999:role/attacker',
          ),
        ).not.toBe('Allowed');
      }
    });

    it('without the key policy, IAM alone does not suffice (delegation is what makes it work)', async () => {
      const call = SDK_CALLS['secrets-manager:GetSecretValue'].calls[1];
      expect(call.action).toBe('kms:Decrypt');
      expect(
        await simulate(call, stack.env, committedPolicy, {
          Version: '2012-10-17',
          Statement: [],
        }),
      ).not.toBe('Allowed');
    });
  });

  it('the check has teeth: other regions, other services\u2019 roles and other policies are refused', async () => {
    const refused: ApiCall[] = [
      {
        action: 'ec2:CreateNatGateway',
        resource: 'arn:aws:ec2:{region}:{account}:natgateway/*',
        on: ['create'],
      },
      {
        action: 'iam:CreateUser',
        resource: 'arn:aws:iam::{account}:user/x',
        on: ['create'],
      },
      {
        action: 'iam:CreateServiceLinkedRole',
        resource:
          'arn:aws:iam::{account}:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda',
        on: ['create'],
        context: { 'iam:AWSServiceName': 'lambda.amazonaws.com' },
      },
      {
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::{account}:role/{name}-emr-service',
        on: ['create'],
        context: { 'iam:PassedToService': 'lambda.amazonaws.com' },
      },
      {
        action: 'iam:AttachRolePolicy',
        resource: 'arn:aws:iam::{account}:role/{name}-emr-service',
        on: ['create'],
        context: {
          'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess',
        },
      },
      {
        action: 'secretsmanager:GetSecretValue',
        resource:
          'arn:aws:secretsmanager:{region}:{account}:secret:prod/db-AbCdEf',
        on: ['sdk'],
      },
      {
        action: 's3:DeleteObject',
        resource: 'arn:aws:s3:::someone-elses-bucket/x',
        on: ['sdk'],
      },
    ];
    for (const call of refused)
      expect(
        await simulate(call, stack.env, committedPolicy, stack.keyPolicy),
      ).not.toBe('Allowed');
    const otherRegion = { ...stack.env, region: 'ap-south-1' };
    expect(
      await simulate(
        PROVIDER_CALLS.aws_vpc.calls[0],
        otherRegion,
        committedPolicy,
        stack.keyPolicy,
      ),
    ).not.toBe('Allowed');
  });
});
