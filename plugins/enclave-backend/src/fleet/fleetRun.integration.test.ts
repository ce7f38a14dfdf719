/*
 * The fleet routes end to end on a real test backend (enclave plugin, real
 * permission backend and policy, mock auth) over SQLite and PostgreSQL, with
 * the real terraform 1.11.4 plan (offline provider mirror, plan-mode
 * provider, local state in a temp dir). Mocked: nothing of AWS is reached;
 * plan mode needs no AWS mock.
 *
 * The fleet: alpha, beta and gamma behind (1.0.0), latest current (1.1.0),
 * busy behind but held by another task, and retire behind with a local
 * state holding a resource the stack no longer declares (its real plan
 * destroys it). The plan diffs the four and skips busy; the rollout
 * upgrades alpha (canary wave) then beta and gamma, holds retire for its
 * per-environment approval, and each one's audit trail records what the
 * fleet did.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  FleetRunRecord,
  FleetStatusResponse,
  OperationRecord,
} from '@data-enclave/plugin-enclave-common';
import {
  fleetTaskId,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import { environmentWorkDir } from '@data-enclave/plugin-enclave-node';
import {
  RETIRED_RESOURCE_ADDRESS,
  seedRetiredResourceState,
} from '@data-enclave/plugin-enclave-node/testUtils';
import { join } from 'node:path';
import request from 'supertest';
import { createEnclaveTestDatabases } from '../__testUtils__/enclaveTestDatabases';
import {
  createPlannedEnvironment,
  describeFleetEngine,
  fleetAdminHeader,
  fleetTestConfig,
} from '../__testUtils__/fleetTestFleet';
import {
  startEnclaveTestBackend,
  TEST_USERS,
} from '../__testUtils__/startEnclaveTestBackend';

const describeEngine = describeFleetEngine('the fleet integration test');
const databases = createEnclaveTestDatabases();
const admin = fleetAdminHeader;

type Server = Awaited<ReturnType<typeof startEnclaveTestBackend>>['server'];

async function waitForRun(server: Server, runId: string, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(server)
      .get(`/api/enclave/fleet/runs/${runId}`)
      .set('Authorization', admin());
    expect(res.status).toBe(200);
    const run = res.body as FleetRunRecord;
    if (run.status !== 'queued' && run.status !== 'running') return run;
    if (Date.now() > deadline) {
      throw new Error(`fleet run ${runId} still ${run.status}`);
    }
    await new Promise(r => setTimeout(r, 1000));
  }
}

describeEngine.each(databases.eachSupportedId())(
  'fleet plan and rollout on %s (real terraform plan)',
  dbId => {
    jest.setTimeout(900_000);
    let server: Server;
    let stop: () => Promise<void>;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const knex = await databases.init(dbId);
      const config = fleetTestConfig();
      const backend = await startEnclaveTestBackend({ knex, config });
      server = backend.server;
      stop = () => backend.stop();
      for (const [name, version] of [
        ['alpha', '1.0.0'],
        ['beta', '1.0.0'],
        ['gamma', '1.0.0'],
        ['latest', '1.1.0'],
        ['busy', '1.0.0'],
        ['retire', '1.0.0'],
      ]) {
        ids[name] = (await createPlannedEnvironment(server, name, version)).id;
      }
      const retire = { team: 'group:default/data-science', name: 'retire' };
      seedRetiredResourceState(
        join(
          environmentWorkDir(
            parseDataEnclaveConfig(config.dataEnclave),
            retire,
          ),
          'stacks',
          'retire',
        ),
      );
      // A person's add-user task holds "busy".
      const held = await request(server)
        .post(`/api/enclave/environments/${ids.busy}/operations`)
        .set('Authorization', mockCredentials.service.header())
        .send({
          kind: 'add-user',
          initiator: TEST_USERS.alice,
          taskId: 'task-of-alice',
          busyState: 'updating',
          allowedStates: ['planned'],
        });
      if (held.status !== 200) {
        throw new Error(`could not hold busy: ${JSON.stringify(held.body)}`);
      }
    });
    afterAll(() => stop());

    const fleet = async () => {
      const res = await request(server)
        .get('/api/enclave/fleet')
        .set('Authorization', admin());
      expect(res.status).toBe(200);
      return res.body as FleetStatusResponse;
    };
    const row = (status: FleetStatusResponse, name: string) =>
      status.environments.find(e => e.name === name)!;
    const auditTrail = async (name: string) => {
      const res = await request(server)
        .get(`/api/enclave/environments/${ids[name]}/operations`)
        .set('Authorization', admin());
      expect(res.status).toBe(200);
      return res.body.items as OperationRecord[];
    };

    it('shows who is behind and who is busy', async () => {
      const status = await fleet();
      expect(status).toMatchObject({
        targetVersion: '1.1.0',
        behind: 5,
        current: 1,
      });
      expect(row(status, 'alpha')).toMatchObject({
        stackVersion: '1.0.0',
        behind: true,
        state: 'planned',
      });
      expect(row(status, 'latest').behind).toBe(false);
      expect(row(status, 'busy').busy).toEqual({
        kind: 'add-user',
        initiator: TEST_USERS.alice,
      });
    });

    let planRunId: string;
    it('plans the fleet in the worker: a diff per environment behind, the busy one skipped', async () => {
      const started = await request(server)
        .post('/api/enclave/fleet/plans')
        .set('Authorization', admin())
        .send({ concurrency: 2 });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({
        kind: 'plan',
        status: 'queued',
        toVersion: '1.1.0',
        initiator: TEST_USERS.carol,
      });
      planRunId = started.body.id;
      // One fleet run at a time.
      const second = await request(server)
        .post('/api/enclave/fleet/plans')
        .set('Authorization', admin())
        .send({});
      expect(second.status).toBe(409);
      expect((await fleet()).activeRun?.id).toBe(planRunId);

      const run = await waitForRun(server, planRunId);
      expect(run.status).toBe('succeeded');
      const byName = new Map(run.plan!.environments.map(e => [e.name, e]));
      for (const name of ['alpha', 'beta', 'gamma']) {
        const entry = byName.get(name)!;
        expect(entry).toMatchObject({ status: 'safe', fromVersion: '1.0.0' });
        // Never applied: the whole stack is to be added.
        expect(entry.planSummary!.add).toBeGreaterThan(20);
        expect(entry.planSummary!.destroy).toBe(0);
        expect(entry.guardrails?.passed).toBe(true);
        expect(run.progress[ids[name]]).toMatchObject({
          step: 'plan',
          phase: 'safe',
        });
      }
      // Retire's plan destroys what its state holds: held, with the address.
      expect(byName.get('retire')).toMatchObject({ status: 'destructive' });
      expect(byName.get('retire')!.planSummary!.addresses!.destroy).toEqual([
        RETIRED_RESOURCE_ADDRESS,
      ]);
      expect(byName.get('busy')).toMatchObject({ status: 'skipped' });
      expect(byName.get('busy')!.reason).toMatch(/^busy: updating \(add-user/);
      expect(run.plan!.current.map(e => e.name)).toEqual(['latest']);

      const status = await fleet();
      expect(status.activeRun).toBeUndefined();
      expect(status.latestPlan?.id).toBe(planRunId);
      expect(row(status, 'alpha').lastPlan).toMatchObject({
        runId: planRunId,
        status: 'safe',
        toVersion: '1.1.0',
        guardrails: { passed: true },
      });
      expect(row(status, 'busy').lastPlan?.status).toBe('skipped');
    });

    it('refuses to roll out anything but a succeeded plan of the current version', async () => {
      const res = await request(server)
        .post('/api/enclave/fleet/rollouts')
        .set('Authorization', admin())
        .send({ planRunId: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01' });
      expect(res.status).toBe(400);
    });

    it('rolls the safe ones out in waves and records plan and rollout in each audit trail', async () => {
      const started = await request(server)
        .post('/api/enclave/fleet/rollouts')
        .set('Authorization', admin())
        .send({ planRunId });
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({
        kind: 'rollout',
        status: 'queued',
        planRunId,
        canarySize: 1,
      });
      const run = await waitForRun(server, started.body.id);
      expect(run.status).toBe('succeeded');
      // The canary wave (canarySize 1, from dataEnclave.fleet), then the rest.
      expect(run.rollout!.waves).toHaveLength(2);
      expect(run.rollout!.waves[0]).toHaveLength(1);
      expect(run.rollout!.waves.flat().sort()).toEqual(
        [ids.alpha, ids.beta, ids.gamma].sort(),
      );
      const outcome = new Map(
        run.rollout!.environments.map(e => [e.name, e.status]),
      );
      expect(Object.fromEntries(outcome)).toEqual({
        alpha: 'upgraded',
        beta: 'upgraded',
        gamma: 'upgraded',
        busy: 'skipped',
        retire: 'held',
      });
      expect(
        run.rollout!.environments.find(e => e.name === 'retire')!.reason,
      ).toMatch(/per-environment upgrade with confirm/);

      const status = await fleet();
      expect(status).toMatchObject({ behind: 2, current: 4 });
      expect(row(status, 'alpha').stackVersion).toBe('1.1.0');
      expect(row(status, 'retire')).toMatchObject({
        stackVersion: '1.0.0',
        behind: true,
        lastPlan: { status: 'destructive', planSummary: { destroy: 1 } },
      });
      expect(row(status, 'busy').stackVersion).toBe('1.0.0');
      expect(status.latestRollout?.id).toBe(run.id);

      for (const name of ['alpha', 'beta', 'gamma']) {
        const trail = await auditTrail(name);
        const fleetOps = trail.filter(op => op.detail?.fleet);
        expect(
          fleetOps.map(op => [op.taskId, op.detail!.fleet, op.result]).sort(),
        ).toEqual(
          [
            [fleetTaskId(planRunId), 'plan', 'succeeded'],
            [fleetTaskId(run.id), 'rollout', 'succeeded'],
          ].sort(),
        );
        for (const op of fleetOps) expect(op.initiator).toBe(TEST_USERS.carol);
      }
      // Retire: its plan is in the audit trail, and nothing else was done.
      expect(
        (await auditTrail('retire'))
          .filter(op => op.detail?.fleet)
          .map(op => [op.detail!.fleet, op.detail!.status]),
      ).toEqual([['plan', 'destructive']]);
      // The busy one was never touched by the fleet.
      expect((await auditTrail('busy')).some(op => op.detail?.fleet)).toBe(
        false,
      );
    });
  },
);
