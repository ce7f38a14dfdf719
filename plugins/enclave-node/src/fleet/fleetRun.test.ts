/*
 * The fleet's per-environment bookkeeping without terraform: where a step
 * runs, and what a refused or failing claim becomes. A registry whose claim
 * throws stands in for the backend's store (InputError when the state no
 * longer allows an upgrade, NotFoundError when the record is gone, anything
 * else when the registry cannot be reached); no terraform is started, since
 * every step here ends at the claim.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EnvironmentRecord,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import { EXAMPLE_SPEC } from '../lifecycle/__testUtils__/lifecycleStandIn';
import { environmentWorkDir } from '../lifecycle/environmentWorkDir';
import { FLEET_SCRATCH_DIR, removeScratch, resolveRun } from './fleetRun';
import { InMemoryFleetRegistry } from './inMemoryFleetRegistry';
import { planFleetUpgrade } from './planFleetUpgrade';

const now = new Date().toISOString();
const record = (
  name: string,
  state: 'ready' | 'planned',
): EnvironmentRecord => ({
  id: `env-${name}`,
  name,
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
  state,
  stackVersion: '1.0.0',
  spec: { ...EXAMPLE_SPEC, name, stackVersion: '1.0.0' },
  outputs: {},
  members: [],
  createdAt: now,
  updatedAt: now,
});

function configWith(backend: Record<string, unknown>) {
  return parseDataEnclaveConfig({
    stackVersion: '1.1.0',
    terraform: {
      workDir: join(mkdtempSync(join(tmpdir(), 'enclave-fleet-run-')), 'work'),
      backend,
    },
  });
}

const S3 = { type: 's3', bucket: 'state', region: 'eu-west-1', kmsKeyId: 'k' };

describe('where a fleet step runs terraform', () => {
  const run = (config: ReturnType<typeof configWith>) =>
    resolveRun({
      registry: new InMemoryFleetRegistry([]),
      config,
      initiator: 'user:default/carol',
    });

  it("runs in the environment's own dir, where its stack and state are", () => {
    const config = configWith({ type: 'local' });
    const e = record('alpha', 'planned');
    expect(run(config).workDir(e, true)).toBe(environmentWorkDir(config, e));
    const s3 = configWith(S3);
    expect(run(s3).workDir(e, false)).toBe(environmentWorkDir(s3, e));
  });

  it('gives a plan-only step a scratch dir when state is in S3, and removes only scratch dirs', () => {
    // Plan mode synthesizes a local backend; in the environment's own dir
    // that would make its later S3 init stop with "Backend configuration
    // changed".
    const config = configWith(S3);
    const e = record('alpha', 'planned');
    const dir = run(config).workDir(e, true);
    expect(dir).not.toBe(environmentWorkDir(config, e));
    expect(
      dir.startsWith(join(config.terraform.workDir, FLEET_SCRATCH_DIR)),
    ).toBe(true);
    mkdirSync(dir, { recursive: true });
    removeScratch(dir, config);
    expect(existsSync(dir)).toBe(false);
    const own = environmentWorkDir(config, e);
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'terraform.tfstate'), '{}');
    removeScratch(own, config);
    expect(existsSync(join(own, 'terraform.tfstate'))).toBe(true);
  });
});

describe('a claim the registry refuses or cannot answer', () => {
  class RefusingRegistry extends InMemoryFleetRegistry {
    constructor(
      environments: EnvironmentRecord[],
      private readonly refusals: Record<string, Error>,
    ) {
      super(environments);
    }
    override async startOperation(
      id: string,
      request: Parameters<InMemoryFleetRegistry['startOperation']>[1],
    ) {
      const refusal = this.refusals[id];
      if (refusal) throw refusal;
      return super.startOperation(id, request);
    }
  }
  const named = (name: string, message: string) =>
    Object.assign(new Error(message), { name });

  it('skips what changed since the listing and fails only the environment the registry could not answer, never the run', async () => {
    const registry = new RefusingRegistry(
      [
        record('failed-since', 'ready'),
        record('gone', 'ready'),
        record('lost', 'ready'),
      ],
      {
        'env-failed-since': named(
          'InputError',
          'environment failed-since is failed; upgrade needs ready or planned',
        ),
        'env-gone': named('NotFoundError', 'no environment env-gone'),
        'env-lost': new Error('connect ECONNREFUSED 127.0.0.1:7007'),
      },
    );
    const plan = await planFleetUpgrade({
      registry,
      config: configWith({ type: 'local' }),
      concurrency: 2,
      initiator: 'user:default/carol',
    });
    const byName = Object.fromEntries(plan.environments.map(e => [e.name, e]));
    expect(byName['failed-since']).toMatchObject({ status: 'skipped' });
    expect(byName['failed-since'].reason).toMatch(
      /^not upgradable now: .*is failed/,
    );
    expect(byName.gone).toMatchObject({ status: 'skipped' });
    expect(byName.gone.reason).toMatch(/^gone: /);
    expect(byName.lost).toMatchObject({
      status: 'failed',
      error: 'connect ECONNREFUSED 127.0.0.1:7007',
    });
  });
});
