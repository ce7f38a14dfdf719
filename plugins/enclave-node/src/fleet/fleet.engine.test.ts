/*
 * Real engine: a fleet of four environments behind stack version 1.1.0 and
 * one already at it, planned with the real terraform 1.11.4 (offline, local
 * provider mirror, local state in temp dirs) and rolled out in waves.
 *
 * Mocked: AWS only. Terraform is the real binary except `apply`, which goes
 * to the stand-in __fixtures__/terraform-apply-stand-in.js (records the call,
 * replays a recorded apply stream, fails on request) so nothing can reach
 * AWS. The registry is InMemoryFleetRegistry (the compare-and-set claim and
 * audit trail the CLI's --specs mode uses).
 *
 * Stand-in state: environment "retire" has a local terraform.tfstate holding
 * a terraform_data resource the new stack no longer has, so its real plan
 * destroys it (a destructive upgrade); the others have no state yet.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  EnvironmentRecord,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import {
  engineAvailability,
  TEST_PLUGIN_CACHE_DIR,
} from '../stack/__testUtils__/terraformHarness';
import { EXAMPLE_SPEC } from '../lifecycle/__testUtils__/lifecycleStandIn';
import { environmentWorkDir } from '../lifecycle/environmentWorkDir';
import { PLAN_MODE_AWS_ENV } from '../provision/planModeEnv';
import { InMemoryFleetRegistry } from './inMemoryFleetRegistry';
import { planFleetUpgrade } from './planFleetUpgrade';
import { applyFleetUpgrade } from './applyFleetUpgrade';
import type { FleetProgress } from './types';
import {
  RETIRED_RESOURCE_ADDRESS,
  seedRetiredResourceState,
} from './__testUtils__/retiredResourceState';

const engine = engineAvailability();
if (!engine.available && process.env.CI === 'true') {
  throw new Error(`real-engine tests must run under CI: ${engine.reason}`);
}
const describeEngine = engine.available ? describe : describe.skip;

const STAND_IN = resolve(__dirname, '__fixtures__/terraform-apply-stand-in.js');
const TEAM = 'group:default/data-science';

function record(name: string, stackVersion: string): EnvironmentRecord {
  const now = new Date().toISOString();
  return {
    id: `env-${name}`,
    name,
    team: TEAM,
    region: 'eu-west-1',
    accountId: '123456789012',
    state: 'ready',
    stackVersion,
    spec: { ...EXAMPLE_SPEC, name, stackVersion },
    outputs: {},
    members: [],
    createdAt: now,
    updatedAt: now,
  };
}

describeEngine('fleet upgrade (real terraform plan, stand-in apply)', () => {
  jest.setTimeout(900_000);

  it('plans every environment behind, holds the destructive one, skips the busy one, and rolls out in waves that stop at a failing canary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enclave-fleet-'));
    const applyLog = join(dir, 'applies.jsonl');
    const config = parseDataEnclaveConfig({
      stackVersion: '1.1.0',
      terraform: {
        binary: STAND_IN,
        pluginCacheDir: TEST_PLUGIN_CACHE_DIR,
        providerMirror: engine.mirror,
        workDir: join(dir, 'work'),
      },
    });
    const environments = ['alpha', 'beta', 'retire', 'busy'].map(n =>
      record(n, '1.0.0'),
    );
    environments.push(record('latest', '1.1.0'));
    const registry = new InMemoryFleetRegistry(environments);
    // Another task (a person's upgrade) holds "busy".
    await registry.startOperation('env-busy', {
      kind: 'add-user',
      initiator: 'user:default/someone',
      taskId: 'task-of-someone',
      busyState: 'updating',
      allowedStates: ['ready'],
    });
    seedRetiredResourceState(
      join(environmentWorkDir(config, environments[2]), 'stacks', 'retire'),
    );

    let failing: string | undefined;
    const progress: FleetProgress[] = [];
    const common = {
      registry,
      config,
      concurrency: 2,
      initiator: 'user:default/platform-admin',
      onProgress: (p: FleetProgress) => progress.push(p),
      // The apply-mode credentials of an applied environment: plan-mode fake
      // keys plus the stand-in's switches.
      terraformEnv: async (e: EnvironmentRecord) => ({
        ...PLAN_MODE_AWS_ENV,
        FLEET_APPLY_LOG: applyLog,
        ...(e.name === failing ? { FLEET_APPLY_FAIL: '1' } : {}),
      }),
    };

    const plan = await planFleetUpgrade(common);
    const byName = Object.fromEntries(plan.environments.map(e => [e.name, e]));
    expect(plan.current.map(e => e.name)).toEqual(['latest']);
    expect(Object.keys(byName).sort()).toEqual([
      'alpha',
      'beta',
      'busy',
      'retire',
    ]);
    for (const name of ['alpha', 'beta']) {
      expect(byName[name]).toMatchObject({
        status: 'safe',
        toVersion: '1.1.0',
      });
      expect(byName[name].planSummary!.add).toBeGreaterThan(50);
      expect(byName[name].planSummary!.destroy).toBe(0);
      expect(byName[name].guardrails?.passed).toBe(true);
    }
    expect(byName.retire.status).toBe('destructive');
    expect(byName.retire.planSummary!.addresses!.destroy).toEqual([
      RETIRED_RESOURCE_ADDRESS,
    ]);
    expect(byName.retire.reason).toMatch(/destroys or replaces 1 resource/);
    expect(byName.busy).toMatchObject({ status: 'skipped' });
    expect(byName.busy.reason).toMatch(
      /busy: updating \(add-user by user:default\/someone\)/,
    );
    // The busy environment was never touched: its only operation is the other task's.
    expect(registry.listOperations('env-busy')).toHaveLength(1);
    // Each plan is in the audit trail; the record (and so the card) keeps
    // describing what the environment runs: the plan was never applied.
    const alphaPlanOp = registry.listOperations('env-alpha')[0];
    expect(alphaPlanOp).toMatchObject({
      kind: 'upgrade',
      result: 'succeeded',
      initiator: 'user:default/platform-admin',
      detail: {
        fleet: 'plan',
        status: 'safe',
        toVersion: '1.1.0',
        planSummary: byName.alpha.planSummary,
        guardrailsPassed: true,
      },
    });
    const alphaAfterPlan = (await registry.listEnvironments()).find(
      e => e.id === 'env-alpha',
    )!;
    expect(alphaAfterPlan).toMatchObject({
      state: 'ready',
      stackVersion: '1.0.0',
    });
    expect(alphaAfterPlan.planSummary).toEqual(environments[0].planSummary);
    expect(alphaAfterPlan.guardrails).toEqual(environments[0].guardrails);
    expect(progress.some(p => p.name === 'alpha' && p.phase === 'init')).toBe(
      true,
    );
    const applies = () =>
      readFileSync(applyLog, { encoding: 'utf8', flag: 'a+' })
        .split('\n')
        .filter(Boolean)
        .map(l => JSON.parse(l).cwd as string);
    expect(applies()).toEqual([]);

    // Rollout 1: the canary (alpha) fails, so beta never starts.
    failing = 'alpha';
    const stopped = await applyFleetUpgrade({ ...common, plan });
    const first = Object.fromEntries(
      stopped.environments.map(e => [e.name, e]),
    );
    expect(stopped.waves).toEqual([['env-alpha']]);
    expect(stopped.stoppedBy).toMatchObject({ name: 'alpha' });
    expect(first.alpha).toMatchObject({ status: 'failed', wave: 0 });
    expect(first.alpha.error).toMatch(/stand-in apply failed/);
    expect(first.beta).toMatchObject({ status: 'not-started' });
    expect(first.beta.reason).toMatch(/alpha failed in an earlier wave/);
    // A failed apply is on the card, for the owners.
    expect(
      (await registry.listEnvironments()).find(e => e.id === 'env-alpha')!
        .lastError,
    ).toMatch(/stand-in apply failed/);
    expect(first.retire.status).toBe('held');
    expect(first.busy.status).toBe('skipped');
    expect(applies()).toEqual([expect.stringContaining('/stacks/alpha')]);
    expect(registry.listOperations('env-alpha')[1]).toMatchObject({
      result: 'failed',
      detail: { fleet: 'rollout' },
    });

    // Rollout 2: a person's task holds alpha, and retire's plan is taken as
    // safe (as if it had turned destructive only after the fleet plan). The
    // canary must be a real upgrade: retire, tried first, re-plans, is held
    // and does not count; beta takes its place; the busy alpha is never a
    // canary and is skipped in the second wave.
    failing = undefined;
    await registry.startOperation('env-alpha', {
      kind: 'add-user',
      initiator: 'user:default/ada',
      taskId: 'task-of-ada',
      busyState: 'updating',
      allowedStates: ['ready'],
    });
    const retireAsSafe = { ...byName.retire, status: 'safe' as const };
    const rollout = await applyFleetUpgrade({
      ...common,
      plan: {
        ...plan,
        environments: [
          retireAsSafe,
          ...plan.environments.filter(e => e.name !== 'retire'),
        ],
      },
    });
    const second = Object.fromEntries(
      rollout.environments.map(e => [e.name, e]),
    );
    expect(rollout.stoppedBy).toBeUndefined();
    expect(rollout.waves).toEqual([['env-retire', 'env-beta'], ['env-alpha']]);
    expect(second.retire).toMatchObject({ status: 'held', wave: 0 });
    expect(second.retire.planSummary!.destroy).toBe(1);
    expect(second.beta).toMatchObject({
      status: 'upgraded',
      applied: true,
      wave: 0,
    });
    expect(second.alpha).toMatchObject({ status: 'skipped', wave: 1 });
    expect(second.alpha.reason).toMatch(/busy: updating \(add-user/);
    await registry.finishOperation('env-alpha', {
      taskId: 'task-of-ada',
      result: 'succeeded',
    });

    // Rollout 3 of the same plan: alpha is free and upgraded as the canary;
    // beta, upgraded since the plan, is released untouched.
    const third = Object.fromEntries(
      (await applyFleetUpgrade({ ...common, plan })).environments.map(e => [
        e.name,
        e,
      ]),
    );
    expect(third.alpha).toMatchObject({
      status: 'upgraded',
      applied: true,
      wave: 0,
    });
    expect(third.beta).toMatchObject({ status: 'skipped', wave: 1 });
    expect(third.beta.reason).toMatch(/already at 1\.1\.0/);
    const after = Object.fromEntries(
      (await registry.listEnvironments()).map(e => [e.name, e]),
    );
    expect(after.alpha).toMatchObject({
      state: 'ready',
      stackVersion: '1.1.0',
    });
    expect(after.beta.stackVersion).toBe('1.1.0');
    expect((after.beta.spec as { stackVersion: string }).stackVersion).toBe(
      '1.1.0',
    );
    expect(after.retire.stackVersion).toBe('1.0.0');
    expect(after.busy).toMatchObject({
      state: 'updating',
      stackVersion: '1.0.0',
    });
    expect(applies().slice(1)).toEqual([
      expect.stringContaining('/stacks/beta'),
      expect.stringContaining('/stacks/alpha'),
    ]);
    // Retire: planned, then held by rollout 2's re-plan (recorded, not
    // applied: it is still at 1.0.0); rollout 3 held it without a claim.
    expect(
      registry
        .listOperations('env-retire')
        .map(o => [o.detail?.fleet, o.detail?.status]),
    ).toEqual([
      ['plan', 'destructive'],
      ['rollout', 'held'],
    ]);
    expect(third.retire.status).toBe('held');
    // Beta: never started by rollout 1, upgraded by rollout 2, and left
    // alone by rollout 3 (already current: no claim, no audit entry).
    expect(
      registry.listOperations('env-beta').map(o => o.detail?.fleet),
    ).toEqual(['plan', 'rollout']);
  });
});
