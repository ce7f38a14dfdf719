import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '@backstage/errors';
import {
  contextFor,
  makeAction,
  testConfig,
  VALID_INPUT,
} from '../__testUtils__/actionHarness';

/*
 * "No terraform is spawned" is observed from outside: terraform is a stand-in
 * binary that appends every invocation to a log file, so a spawn leaves a trace.
 */
const STAND_IN = resolve(
  __dirname,
  '../../../enclave-node/src/terraform/__fixtures__/fake-terraform.js',
);
let invocations: string;
beforeEach(() => {
  invocations = join(
    mkdtempSync(join(tmpdir(), 'enclave-spawn-')),
    'invocations.jsonl',
  );
  process.env.FAKE_TF_ARGS_LOG = invocations;
});
afterAll(() => {
  delete process.env.FAKE_TF_ARGS_LOG;
});
const spawned = () =>
  existsSync(invocations)
    ? readFileSync(invocations, 'utf8').trim().split('\n')
    : [];
const standInConfig = (extra: Record<string, unknown> = {}) =>
  testConfig({ terraform: { binary: STAND_IN }, ...extra });

describe('enclave:environment:provision input validation', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'an unknown region',
      { region: 'xx-nowhere-1' },
      /region `xx-nowhere-1` is not in dataEnclave.allowedRegions: eu-west-1, us-east-1/,
    ],
    [
      'a region that is not allowed',
      { region: 'ap-southeast-2' },
      /region `ap-southeast-2` is not in dataEnclave.allowedRegions/,
    ],
    ['a name with ;', { name: 'ana;lytics' }, /name/],
    ['a name with $()', { name: 'a$(rm -rf)' }, /name/],
    ['an uppercase name', { name: 'Analytics' }, /name/],
    ['an empty user list', { users: [] }, /users: pick at least one person/],
    [
      'duplicate users',
      { users: ['user:default/ada.lovelace', 'user:default/ada.lovelace'] },
      /ada.lovelace listed more than once/,
    ],
    [
      'users who are not in the catalog',
      { users: ['user:default/nobody'] },
      /these users are not in the catalog: user:default\/nobody/,
    ],
    [
      '0.0.0.0/0 when not allowed',
      { clientCidrs: ['0.0.0.0/0'] },
      /0\.0\.0\.0\/0.*refused unless the platform sets dataEnclave\.guardrails\.allowAnyClientCidr: true/,
    ],
    ['a malformed CIDR', { clientCidrs: ['203.0.113.0/33'] }, /clientCidrs/],
  ];

  it.each(cases)(
    'rejects %s with an InputError and spawns no terraform',
    async (_what, change, message) => {
      const { action, registry } = makeAction({ config: standInConfig() });
      const { ctx } = contextFor({ ...VALID_INPUT, ...change });
      const run = action.handler(ctx);
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(message);
      expect(spawned()).toEqual([]);
      expect(registry.calls).toEqual([]);
    },
  );

  it('allows 0.0.0.0/0 only when the platform config says so, and says so', async () => {
    const { action } = makeAction({
      config: standInConfig({ guardrails: { allowAnyClientCidr: true } }),
    });
    const { ctx } = contextFor(
      { ...VALID_INPUT, clientCidrs: ['0.0.0.0/0'] },
      { isDryRun: true },
    );
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('state', 'dry-run');
    const report = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'guardrails',
    )[1];
    const g7 = report.rules.find((r: { id: string }) => r.id === 'G7');
    expect(g7.passed).toBe(true);
    expect(g7.relaxations.join(' ')).toMatch(/0\.0\.0\.0\/0/);
    expect(spawned()).toEqual([]);
  }, 120_000);

  it('with valid input the stand-in does see terraform calls (so the assertions above are meaningful)', async () => {
    const { action } = makeAction({ config: standInConfig() });
    const { ctx } = contextFor(VALID_INPUT);
    // The stand-in prints no plan JSON, so the run stops at `show`.
    await expect(action.handler(ctx)).rejects.toThrow();
    expect(spawned().map(line => JSON.parse(line)[0])).toEqual([
      'init',
      'plan',
      'show',
    ]);
  }, 120_000);
});
