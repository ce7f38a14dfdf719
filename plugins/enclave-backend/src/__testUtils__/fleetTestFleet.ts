/*
 * A small fleet for the fleet route tests, created through the registry API
 * with service credentials, as the provisioning action records a planned
 * environment (plan mode), plus the real-engine config those tests run with.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { findProviderMirror } from '@data-enclave/plugin-enclave-node';
import type { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';
import request from 'supertest';
import { TEST_ADMIN_GROUP, TEST_USERS } from './startEnclaveTestBackend';

export const EXAMPLE_SPEC: Record<string, unknown> = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../../../examples/environment.json'),
    'utf8',
  ),
);

/** Where the real-engine tests find hashicorp/aws 5.100.0; undefined when absent. */
export const PROVIDER_MIRROR = findProviderMirror();

/**
 * `describe` for the fleet's real-terraform tests: skipped without the
 * provider mirror, except under CI, where a missing mirror is an error.
 */
export function describeFleetEngine(suite: string): jest.Describe {
  if (!PROVIDER_MIRROR && process.env.CI === 'true') {
    throw new Error(
      `${suite} needs the hashicorp/aws 5.100.0 provider mirror under CI (set ENCLAVE_TF_PROVIDER_MIRROR)`,
    );
  }
  return PROVIDER_MIRROR ? describe : describe.skip;
}

/** The Authorization header of the test fleet's admin (carol, TEST_ADMIN_GROUP). */
export const fleetAdminHeader = () =>
  mockCredentials.user.header(TEST_USERS.carol);

/** `dataEnclave` for a fleet test backend: real terraform, offline, temp work dir. */
export function fleetTestConfig(overrides: Record<string, unknown> = {}) {
  return {
    dataEnclave: {
      adminGroup: TEST_ADMIN_GROUP,
      stackVersion: '1.1.0',
      status: { cacheTtlSeconds: 30 },
      terraform: {
        // Shared with the other engine tests: the provider is unpacked once.
        pluginCacheDir: join(tmpdir(), 'data-enclave-test-plugin-cache'),
        providerMirror: PROVIDER_MIRROR,
        workDir: join(mkdtempSync(join(tmpdir(), 'enclave-fleet-be-')), 'work'),
      },
      operations: { heartbeatSeconds: 1 },
      fleet: { concurrency: 2, canarySize: 1 },
      ...overrides,
    },
  };
}

/** Records a planned environment at `stackVersion` through POST /environments. */
export async function createPlannedEnvironment(
  server: Parameters<typeof request>[0],
  name: string,
  stackVersion: string,
): Promise<EnvironmentRecord> {
  const res = await request(server)
    .post('/api/enclave/environments')
    .set('Authorization', mockCredentials.service.header())
    .send({
      name,
      team: 'group:default/data-science',
      region: 'eu-west-1',
      accountId: '123456789012',
      stackVersion,
      spec: { ...EXAMPLE_SPEC, name, stackVersion },
      state: 'planned',
      stateReason: 'plan mode',
      members: [],
      initiator: 'user:default/alice',
      taskId: `task-provision-${name}`,
    });
  if (res.status !== 201) {
    throw new Error(`could not record ${name}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}
