/*
 * Property suite for the template/action boundary (enclave:environment:provision).
 * Inputs have the types the action's schema enforces, with random content.
 * One invalid field → InputError, no terraform spawned (the stand-in binary
 * logs every invocation), no registry call. A fully valid input gets past
 * validation: it reaches the registry, where a sentinel stops it before any
 * synth, so the valid side costs nothing and still proves acceptance.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '@backstage/errors';
import {
  caseCounter,
  validClientCidr,
  validName,
} from '@data-enclave/plugin-enclave-common/testUtils';
import fc from 'fast-check';
import {
  contextFor,
  makeAction,
  RecordingRegistry,
  testConfig,
} from '../__testUtils__/actionHarness';

const STAND_IN = resolve(
  __dirname,
  '../../../enclave-node/src/terraform/__fixtures__/fake-terraform.js',
);
const CATALOG_USERS = [
  'user:default/ada.lovelace',
  'user:default/alan.turing',
  'user:default/grace.hopper',
  'user:default/katherine.johnson',
];

/** Stops a valid run at the registry, proving validation let it through. */
class SentinelRegistry extends RecordingRegistry {
  async findEnvironment(team: string, name: string): Promise<never> {
    this.calls.push({ method: 'findEnvironment', args: [team, name] });
    throw new Error('sentinel: validation passed');
  }
}

const validInput = fc.record({
  name: validName,
  owner: fc.constant('group:default/data-science'),
  region: fc.constantFrom('eu-west-1', 'us-east-1'),
  users: fc.shuffledSubarray(CATALOG_USERS, { minLength: 1 }),
  clientCidrs: fc.uniqueArray(validClientCidr, { minLength: 1, maxLength: 10 }),
});

/** One field broken in a way the template form could send. */
const invalidChange = fc.oneof(
  fc
    .oneof(
      fc.string().filter(s => !/^[a-z][a-z0-9-]{1,30}[a-z0-9]$/.test(s)),
      validName.map(n => `${n}$(reboot)`),
      validName.map(n => `${n.toUpperCase()}`),
    )
    .map(name => ({ name })),
  fc
    .string()
    .filter(r => !['eu-west-1', 'us-east-1'].includes(r))
    .map(region => ({ region })),
  fc
    .oneof(
      fc.constant([] as string[]),
      fc.constantFrom(...CATALOG_USERS).map(u => [u, u]),
      fc
        .stringMatching(/^[a-z][a-z0-9.]{2,12}$/)
        .filter(n => !CATALOG_USERS.includes(`user:default/${n}`))
        .map(n => [`user:default/${n}`]),
      fc
        .constantFrom('group:default/data-science', 'component:default/x')
        .map(r => [r]),
    )
    .map(users => ({ users })),
  fc
    .oneof(
      fc.constant([] as string[]),
      fc.constant(['0.0.0.0/0']),
      fc
        .string()
        .filter(s => !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s.trim()))
        .map(s => [s]),
      fc.integer({ min: 33, max: 99 }).map(p => [`203.0.113.0/${p}`]),
      fc.uniqueArray(validClientCidr, { minLength: 11, maxLength: 12 }),
    )
    .map(clientCidrs => ({ clientCidrs })),
  fc
    .oneof(fc.integer({ max: 0 }), fc.integer({ min: 21, max: 500 }))
    .map(coreNodeCount => ({ emr: { coreNodeCount } })),
  fc
    .integer({ min: -100, max: 5000 })
    .filter(m => m < 60 || m > 2880 || m % 60 !== 0)
    .map(m => ({ workspaces: { runningModeAutoStopTimeoutInMinutes: m } })),
  fc
    .string()
    .filter(s => !/^[a-z]/.test(s) || !s.includes('.'))
    .map(instanceType => ({ emr: { instanceType } })),
);

describe('enclave:environment:provision input (property)', () => {
  let invocations: string;
  beforeAll(() => {
    invocations = join(
      mkdtempSync(join(tmpdir(), 'enclave-prop-spawn-')),
      'invocations.jsonl',
    );
    process.env.FAKE_TF_ARGS_LOG = invocations;
  });
  afterAll(() => {
    delete process.env.FAKE_TF_ARGS_LOG;
  });
  const spawned = () =>
    existsSync(invocations) ? readFileSync(invocations, 'utf8').trim() : '';
  const config = testConfig({ terraform: { binary: STAND_IN } });

  it('refuses every input with one invalid field: InputError, no terraform, no registry call', async () => {
    const counter = caseCounter(
      'action input enclave:environment:provision (invalid)',
    );
    await fc.assert(
      fc.asyncProperty(validInput, invalidChange, async (input, change) => {
        counter.count(change);
        const registry = new RecordingRegistry();
        const { action } = makeAction({ config, registry });
        const { ctx } = contextFor({ ...input, ...change });
        await expect(action.handler(ctx)).rejects.toBeInstanceOf(InputError);
        expect(registry.calls).toEqual([]);
        expect(ctx.output).not.toHaveBeenCalled();
      }),
      { numRuns: 300 },
    );
    counter.report();
    expect(spawned()).toBe('');
  }, 120_000);

  it('lets every valid input through validation (it reaches the registry), still spawning nothing', async () => {
    const counter = caseCounter(
      'action input enclave:environment:provision (valid)',
    );
    await fc.assert(
      fc.asyncProperty(validInput, async input => {
        counter.count(input);
        const registry = new SentinelRegistry();
        const { action } = makeAction({ config, registry });
        const { ctx } = contextFor(input);
        await expect(action.handler(ctx)).rejects.toThrow(
          'sentinel: validation passed',
        );
        expect(registry.calls.map(c => c.method)).toEqual(['findEnvironment']);
      }),
      { numRuns: 150 },
    );
    counter.report();
    expect(spawned()).toBe('');
  }, 120_000);
});
