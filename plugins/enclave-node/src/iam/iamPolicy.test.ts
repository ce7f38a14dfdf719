/*
 * Keeps docs/iam-policy.json honest. The stack is synthesized in its plan and
 * apply variants; every resource type in it must have an entry in
 * RESOURCE_TYPE_PERMISSIONS (so a new construct fails here until someone
 * states its permissions), and every action of every entry, plus every AWS SDK
 * call in the backend's source, must be allowed by the documented policy.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { synthesizeEnvironment, synthesizeOptionsFromConfig } from '../stack';
import { BASE_SPEC } from '../stack/__testUtils__/synthJson';
import { EXAMPLE_SPEC_PATH } from '../guardrails/__testUtils__/cleanStack';
import { RESOURCE_TYPE_PERMISSIONS } from './resourcePermissions';
import {
  DIRECTORY_DATA_PERMISSIONS,
  sdkCommandPermission,
} from './sdkPermissions';
import { policyAllows, PolicyDocument } from './policyAllows';

const REPO = resolve(__dirname, '../../../..');
const policy: PolicyDocument = JSON.parse(
  readFileSync(resolve(REPO, 'docs/iam-policy.json'), 'utf8'),
);

/** Resource types of every stack variant the backend can synthesize. */
function synthesizedResourceTypes(): Set<string> {
  const out = mkdtempSync(join(tmpdir(), 'enclave-iam-'));
  const apply = parseDataEnclaveConfig({
    mode: 'apply',
    accounts: [
      {
        accountId: '123456789012',
        regions: ['eu-west-1'],
        roleArn: 'arn:aws:iam::123456789012:role/enclave-provisioner',
        platformAdminRoleArn: 'arn:aws:iam::123456789012:role/platform-admin',
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
    { spec: BASE_SPEC, options: {} },
    { spec: JSON.parse(readFileSync(EXAMPLE_SPEC_PATH, 'utf8')), options: {} },
    {
      spec: BASE_SPEC,
      options: synthesizeOptionsFromConfig(apply, {
        accountId: '123456789012',
        region: 'eu-west-1',
      }),
    },
  ];
  const types = new Set<string>();
  try {
    variants.forEach(({ spec, options }, i) => {
      const { summary } = synthesizeEnvironment(
        spec,
        join(out, `v${i}`),
        options,
      );
      const json = JSON.parse(readFileSync(summary.file, 'utf8'));
      Object.keys(json.resource ?? {}).forEach(t => types.add(t));
      // Data sources call AWS at plan time: the design has none (see ARCHITECTURE).
      expect(Object.keys(json.data ?? {})).toEqual([]);
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return types;
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

/** `client:Command` for every SDK v3 command the sources import. */
function sdkCommandsUsed(): Array<{
  client: string;
  command: string;
  file: string;
}> {
  const found = [];
  const importPattern =
    /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z-]+)'/g;
  for (const { file, text } of productionSources()) {
    for (const match of text.matchAll(importPattern)) {
      for (const name of match[1]
        .split(',')
        .map(n => n.trim().split(/\s+as\s+/)[0])) {
        if (
          /^[A-Z]\w+Command$/.test(name) &&
          new RegExp(`new ${name}\\(`).test(text)
        ) {
          found.push({ client: match[2], command: name, file });
        }
      }
    }
  }
  return found;
}

describe('docs/iam-policy.json', () => {
  const types = synthesizedResourceTypes();

  it('has a permission entry for every resource type the stack synthesizes', () => {
    expect(types.size).toBeGreaterThan(20);
    const missing = [...types].filter(t => !RESOURCE_TYPE_PERMISSIONS[t]);
    expect(missing).toEqual([]);
  });

  it('allows every action each synthesized resource type needs', () => {
    const denied = [...types].flatMap(type =>
      (RESOURCE_TYPE_PERMISSIONS[type] ?? [])
        .filter(a => !policyAllows(policy, a))
        .map(a => `${type}: ${a}`),
    );
    expect(denied).toEqual([]);
  });

  it('allows every AWS SDK call and Directory Service Data request the backend makes', () => {
    const commands = sdkCommandsUsed();
    // The scan finds the known calls (guards against a broken regex).
    expect(commands.map(c => c.command)).toEqual(
      expect.arrayContaining([
        'CreateWorkspacesCommand',
        'GetSecretValueCommand',
        'ResetUserPasswordCommand',
      ]),
    );
    const denied = commands
      .map(c => ({ ...c, action: sdkCommandPermission(c.client, c.command) }))
      .filter(c => !policyAllows(policy, c.action))
      .map(c => `${c.file}: ${c.action}`);
    const client = readFileSync(
      resolve(__dirname, '../aws/directoryDataClient.ts'),
      'utf8',
    );
    const paths = [...client.matchAll(/'(\/Users\/\w+)'/g)].map(m => m[1]);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const actions = DIRECTORY_DATA_PERMISSIONS[path];
      if (!actions)
        denied.push(
          `directoryDataClient.ts: ${path} has no entry in DIRECTORY_DATA_PERMISSIONS`,
        );
      for (const action of actions ?? [])
        if (!policyAllows(policy, action)) denied.push(`${path}: ${action}`);
    }
    expect([...new Set(denied)]).toEqual([]);
  });

  it('the check has teeth: an unknown resource type and an ungranted action are caught', () => {
    expect(RESOURCE_TYPE_PERMISSIONS.aws_nat_gateway).toBeUndefined();
    expect(policyAllows(policy, 'ec2:CreateNatGateway')).toBe(false);
    expect(policyAllows(policy, 'iam:CreateUser')).toBe(false);
    expect(policyAllows(policy, 's3:GetLifecycleConfiguration')).toBe(true);
  });
});
