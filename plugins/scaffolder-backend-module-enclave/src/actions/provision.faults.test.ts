/*
 * Fault-injection suite for enclave:environment:provision in apply mode
 * (mocked AWS, fault stand-in terraform: the first run plans for real, later
 * runs replay that plan). Faults: terraform SIGKILLed mid-apply then re-run;
 * cancellation during synth, init, plan and apply; CreateWorkspaces partial
 * failures under a throttling storm; the backend dying after the desktops
 * step, then the task resumed from its checkpoints. After each: no duplicate
 * WorkSpaces, no terraform process left, the state lock released (or, after
 * SIGKILL, left exactly as terraform would leave it), registry state right,
 * and every audit operation that was opened is closed.
 *
 * Backend restart: scaffolder task recovery (EXPERIMENTAL_recoverTasks) only
 * re-runs a task whose worker stopped; what makes that safe is the action's
 * checkpoints, which are what the last case drives directly (a shared
 * checkpoint store, as the task's state in the database would be).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { findProviderMirror } from '@data-enclave/plugin-enclave-node';
import {
  FakeAws,
  fakeTiming,
} from '@data-enclave/plugin-enclave-node/testUtils';
import { createProvisionAction } from './provision';
import { resolveCatalogUsers } from '../catalog/catalogUsers';
import {
  contextFor,
  exampleOrgUserInfo,
  exampleOrg,
  RecordingRegistry,
  testConfig,
  VALID_INPUT,
} from '../__testUtils__/actionHarness';
import { testTerraformEnv, useFakeSts } from '../__testUtils__/fakeSts';
import { storeDirectoryPassword } from '../__testUtils__/storedDirectoryPassword';

const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true')
  throw new Error('the provider mirror is required under CI=true');
const describeEngine = mirror ? describe : describe.skip;
const STAND_IN = resolve(
  __dirname,
  '../__testUtils__/faultStandInTerraform.js',
);
const PASSWORD = 'Fault-Suite-Dir3ctory-Pa55!';
let faultsInjected = 0;

const sts = useFakeSts();
const scratch = mkdtempSync(join(tmpdir(), 'enclave-faults-'));
beforeAll(() => {
  process.env.FAULT_PLAN_JSON = join(scratch, 'recorded-plan.json');
  process.env.FAULT_PID_FILE = join(scratch, 'pid');
});
afterAll(() => {
  // eslint-disable-next-line no-console
  console.log(`[faults] provision action: ${faultsInjected} faults injected`);
  for (const k of [
    'FAULT_PLAN_JSON',
    'FAULT_PID_FILE',
    'FAULT_HANG_ON',
    'STANDIN_LOG',
  ])
    delete process.env[k];
  rmSync(scratch, { recursive: true, force: true });
});

/** The action's checkpoints over a store that outlives one run (the task DB). */
function checkpointStore() {
  const saved = new Map<string, unknown>();
  const executed: string[] = [];
  const checkpoint = async ({
    key,
    fn,
  }: {
    key: string;
    fn: () => Promise<unknown>;
  }) => {
    if (saved.has(key)) return saved.get(key);
    executed.push(key.split(':')[0]);
    const value = await fn();
    saved.set(key, JSON.parse(JSON.stringify(value)));
    return value;
  };
  return { checkpoint, executed };
}

function setup(aws: FakeAws, registry = new RecordingRegistry()) {
  storeDirectoryPassword(
    aws,
    { name: VALID_INPUT.name, team: VALID_INPUT.owner },
    PASSWORD,
  );
  const workDir = mkdtempSync(join(scratch, 'work-'));
  const config = testConfig({
    mode: 'apply',
    accounts: [
      {
        accountId: '111122223333',
        regions: ['eu-west-1'],
        // Apply mode requires the deployer role (the data bucket exempts it).
        roleArn: 'arn:aws:iam::111122223333:role/enclave-deployer',
      },
    ],
    terraform: {
      binary: STAND_IN,
      providerMirror: mirror,
      workDir,
      pluginCacheDir: resolve(tmpdir(), 'data-enclave-test-plugin-cache'),
    },
  });
  const catalog = catalogServiceMock({ entities: exampleOrg() });
  const action = createProvisionAction({
    config,
    registry,
    resolveUsers: (refs, credentials) =>
      resolveCatalogUsers(catalog, refs, credentials),
    userInfo: exampleOrgUserInfo(),
    apply: {
      awsClients: async () => aws.clients,
      terraformEnv: async () => testTerraformEnv(sts.url()),
      waits: { timing: fakeTiming() },
    },
  });
  const stackDir = () =>
    join(workDir, 'data-science-analytics', 'stacks', 'analytics');
  return { action, registry, config, stackDir };
}

function runWith(
  action: ReturnType<typeof setup>['action'],
  store = checkpointStore(),
  signal?: AbortSignal,
) {
  const { ctx, logs } = contextFor(VALID_INPUT, signal ? { signal } : {});
  Object.assign(ctx, { checkpoint: store.checkpoint });
  return { run: action.handler(ctx), ctx, logs, store };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function waitForPid(): Promise<number> {
  const file = process.env.FAULT_PID_FILE!;
  for (let i = 0; i < 600; i++) {
    if (existsSync(file)) {
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid) return pid;
    }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error('the stand-in never started the hanging command');
}
async function waitGone(pid: number) {
  for (let i = 0; i < 100 && alive(pid); i++)
    await new Promise(r => setTimeout(r, 50));
  expect(alive(pid)).toBe(false);
}

/** Every operation the action opened was closed (running → succeeded|failed). */
function auditTrail(registry: RecordingRegistry): string[] {
  return registry.calls
    .filter(c => c.method !== 'findEnvironment')
    .map(c => c.args[c.method === 'createEnvironment' ? 0 : 1] as any)
    .map(r => {
      // A running update with an id annotates the open row (the apply-mode
      // marker), it is not a new entry in the trail.
      if (r.operation?.id && r.operation.result === 'running') return undefined;
      if (r.operation) return r.operation.result;
      // A create with a task id opens the operation (result running).
      return r.taskId ? 'running' : undefined;
    })
    .filter(Boolean) as string[];
}
function workspacesPerUser(aws: FakeAws) {
  const count = new Map<string, number>();
  for (const w of aws.workspaces.values())
    count.set(
      w.UserName!.toLowerCase(),
      (count.get(w.UserName!.toLowerCase()) ?? 0) + 1,
    );
  return count;
}

describeEngine('enclave:environment:provision under faults', () => {
  jest.setTimeout(300_000);
  beforeEach(() => {
    rmSync(process.env.FAULT_PID_FILE!, { force: true });
    delete process.env.FAULT_HANG_ON;
  });

  it('records the plan once with the real terraform (baseline for the replays)', async () => {
    const aws = new FakeAws();
    const { action, registry } = setup(aws);
    const { run, ctx } = runWith(action);
    await run;
    aws.restore();
    expect(existsSync(process.env.FAULT_PLAN_JSON!)).toBe(true);
    expect(Object.fromEntries((ctx.output as jest.Mock).mock.calls).state).toBe(
      'ready',
    );
    expect(auditTrail(registry)).toEqual(['running', 'succeeded']);
  });

  it('terraform SIGKILLed mid-apply, then the task re-run: one WorkSpace per user, no checkpointed phase repeated', async () => {
    const aws = new FakeAws();
    const { action, registry, stackDir } = setup(aws);
    const store = checkpointStore();
    process.env.FAULT_HANG_ON = 'apply';
    const first = runWith(action, store);
    const pid = await waitForPid();
    process.kill(pid, 'SIGKILL');
    faultsInjected++;
    await expect(first.run).rejects.toThrow(/apply/);
    await waitGone(pid);
    // SIGKILL gives terraform no chance to unlock: the lock stays, as documented
    // in docs/operations.md (force-unlock after checking nothing runs).
    const lock = join(stackDir(), '.terraform.tfstate.lock.info');
    expect(existsSync(lock)).toBe(true);
    rmSync(lock);
    expect(aws.count('CreateWorkspaces')).toBe(0);
    const failed = registry.calls.at(-1)!.args[1] as any;
    expect(failed).toMatchObject({
      state: 'failed',
      operation: { result: 'failed' },
    });

    delete process.env.FAULT_HANG_ON;
    const second = runWith(action, store);
    await second.run;
    aws.restore();
    expect([...workspacesPerUser(aws).values()]).toEqual([1, 1]);
    // init is not a checkpoint since d048fa0: a task resumed on another replica
    // has a fresh working dir, so init (cheap, idempotent) re-runs every time.
    expect(store.executed).not.toContain('init');
    expect(store.executed.filter(k => k === 'registry')).toHaveLength(1);
    expect(
      registry.calls.filter(c => c.method === 'createEnvironment'),
    ).toHaveLength(1);
    expect(registry.get('env-1')!.state).toBe('ready');
    expect(auditTrail(registry)).toEqual(['running', 'failed', 'succeeded']);
  });

  it.each(['synth', 'init', 'plan', 'apply'])(
    'cancelled during %s: TerraformCancelledError, no process left, lock released, recorded as failed',
    async phase => {
      const aws = new FakeAws();
      const { action, registry, stackDir } = setup(aws);
      const controller = new AbortController();
      if (phase === 'synth') controller.abort();
      else process.env.FAULT_HANG_ON = phase;
      const { run } = runWith(action, checkpointStore(), controller.signal);
      let pid: number | undefined;
      if (phase !== 'synth') {
        pid = await waitForPid();
        controller.abort();
      }
      faultsInjected++;
      await expect(run).rejects.toMatchObject({
        name: expect.stringMatching(/^(TerraformCancelledError|AbortError)$/),
      });
      if (pid) await waitGone(pid);
      expect(existsSync(join(stackDir(), '.terraform.tfstate.lock.info'))).toBe(
        false,
      );
      aws.restore();
      expect(aws.count('CreateWorkspaces')).toBe(0);
      expect(registry.get('env-1')!.state).toBe('failed');
      expect(auditTrail(registry)).toEqual(['running', 'failed']);
    },
  );

  it('CreateWorkspaces partial failures under a throttling storm: retried, no duplicates, the permanent one reported', async () => {
    const aws = new FakeAws({ pendingPolls: 2 });
    aws.createFailures.set('ada.lovelace', {
      code: 'InternalError',
      message: 'try again',
      times: 2,
    });
    aws.createFailures.set('alan.turing', {
      code: 'ResourceLimitExceeded',
      message: 'quota',
      times: 99,
    });
    for (const api of [
      'CreateWorkspaces',
      'DescribeWorkspaces',
      'CreateSecret',
      'DescribeWorkspaceBundles',
      'CreateUser',
    ])
      aws.throttle(api, 3);
    faultsInjected += 2 + 5 * 3;
    const { action, registry } = setup(aws);
    const { run, ctx } = runWith(action);
    await run;
    aws.restore();
    const perUser = workspacesPerUser(aws);
    expect(perUser.get('ada.lovelace')).toBe(1);
    expect(perUser.get('alan.turing')).toBeUndefined();
    const workspaces = Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls,
    ).workspaces;
    expect(
      workspaces.find((w: any) => w.username === 'alan.turing').error,
    ).toMatch(/ResourceLimitExceeded/);
    const members = registry.get('env-1')!.members;
    expect(members.find(m => m.username === 'ada.lovelace')!.state).toBe(
      'AVAILABLE',
    );
    expect(auditTrail(registry)).toEqual(['running', 'succeeded']);
  });

  it('backend dies after the desktops step; the resumed task repeats no checkpointed phase', async () => {
    const aws = new FakeAws();
    class DyingRegistry extends RecordingRegistry {
      died = false;
      async updateEnvironment(id: string, request: any) {
        if (request.state === 'ready' && !this.died) {
          this.died = true;
          throw new Error(
            'connect ECONNREFUSED 127.0.0.1:7007 (backend restarting)',
          );
        }
        return super.updateEnvironment(id, request);
      }
    }
    const registry = new DyingRegistry();
    const { action } = setup(aws, registry);
    const store = checkpointStore();
    await expect(runWith(action, store).run).rejects.toThrow(/ECONNREFUSED/);
    faultsInjected++;
    const created = aws.count('CreateWorkspaces');
    expect(created).toBe(1);
    await runWith(action, store).run;
    aws.restore();
    expect(aws.count('CreateWorkspaces')).toBe(created);
    expect(aws.count('CreateUser')).toBe(2);
    // init re-runs on resume (not a checkpoint since d048fa0).
    expect(store.executed).toEqual(['registry', 'plan', 'apply', 'desktops']);
    expect(registry.get('env-1')!.state).toBe('ready');
    expect(auditTrail(registry)).toEqual(['running', 'failed', 'succeeded']);
  });
});
