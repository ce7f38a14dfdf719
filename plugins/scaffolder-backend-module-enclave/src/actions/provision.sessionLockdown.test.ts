/*
 * G12 at the door: a provision that asks for a WorkSpaces bundle the platform
 * did not harden fails with an InputError naming
 * dataEnclave.workspaces.approvedBundles, before any terraform or AWS call.
 * Terraform is the stand-in that logs every invocation; AWS is FakeAws
 * (aws-sdk-client-mock underneath), which counts every SDK call.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TEST_APPROVED_BUNDLE } from '@data-enclave/plugin-enclave-common/testUtils';
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

const STAND_IN = resolve(
  __dirname,
  '../../../enclave-node/src/terraform/__fixtures__/fake-terraform.js',
);
let invocations: string;
beforeEach(() => {
  invocations = join(
    mkdtempSync(join(tmpdir(), 'enclave-g12-')),
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

function setup(mode: 'plan' | 'apply', approvedBundles: unknown[]) {
  const aws = new FakeAws();
  const accessCalls: string[] = [];
  const registry = new RecordingRegistry();
  const catalog = catalogServiceMock({ entities: exampleOrg() });
  const config = testConfig({
    mode,
    accounts: [
      {
        accountId: '111122223333',
        regions: ['eu-west-1'],
        // Apply mode requires the deployer role (the data bucket exempts it).
        roleArn: 'arn:aws:iam::111122223333:role/enclave-deployer',
      },
    ],
    terraform: { binary: STAND_IN },
    workspaces: { approvedBundles },
  });
  const action = createProvisionAction({
    config,
    registry,
    resolveUsers: (refs, credentials) =>
      resolveCatalogUsers(catalog, refs, credentials),
    userInfo: exampleOrgUserInfo(),
    apply:
      mode === 'apply'
        ? {
            terraformEnv: async () => {
              accessCalls.push('terraformEnv');
              return { FAKE_TF_ARGS_LOG: invocations };
            },
            awsClients: async () => {
              accessCalls.push('awsClients');
              return aws.clients;
            },
            waits: { timing: fakeTiming(), minDelayMs: 1, maxDelayMs: 1 },
          }
        : undefined,
  });
  return { action, registry, aws, accessCalls };
}

const UNAPPROVED = {
  ...VALID_INPUT,
  workspaces: { bundleName: 'Standard with Windows 10 (Server 2022 based)' },
};

describe('enclave:environment:provision refuses an unapproved bundle (G12)', () => {
  it.each(['plan', 'apply'] as const)(
    'in %s mode: InputError naming approvedBundles, no terraform, no AWS call, nothing recorded',
    async mode => {
      const { action, registry, aws, accessCalls } = setup(mode, [
        TEST_APPROVED_BUNDLE,
      ]);
      const { ctx } = contextFor(UNAPPROVED);
      const run = action.handler(ctx);
      await expect(run).rejects.toThrow(InputError);
      await expect(run).rejects.toThrow(
        /WorkSpaces bundle "Standard with Windows 10 \(Server 2022 based\)" is not in dataEnclave\.workspaces\.approvedBundles \("Standard with Ubuntu 22\.04"\)/,
      );
      expect(spawned()).toEqual([]);
      expect(aws.totalCalls()).toBe(0);
      expect(accessCalls).toEqual([]);
      expect(registry.calls).toEqual([]);
    },
  );

  it('in apply mode with no approved bundles configured: refuses, saying lock-down is not configured', async () => {
    const { action, registry, aws, accessCalls } = setup('apply', []);
    const { ctx } = contextFor(VALID_INPUT);
    const run = action.handler(ctx);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      /session lock-down: not configured\. .*dataEnclave\.workspaces\.approvedBundles is empty/,
    );
    expect(spawned()).toEqual([]);
    expect(aws.totalCalls()).toBe(0);
    expect(accessCalls).toEqual([]);
    expect(registry.calls).toEqual([]);
  });

  it('in plan mode with none configured: proceeds and the guardrail report labels G12 as not configured', async () => {
    const { action } = setup('plan', []);
    const { ctx } = contextFor(VALID_INPUT, { isDryRun: true });
    await action.handler(ctx);
    const report = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'guardrails',
    )[1];
    const g12 = report.rules.find((r: { id: string }) => r.id === 'G12');
    expect(g12.passed).toBe(true);
    expect(g12.allowedFindings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^session lock-down: not configured/),
        allowedBecause: expect.stringMatching(/plan mode/),
      }),
    ]);
    expect(spawned()).toEqual([]);
  }, 120_000);

  it('an approved bundle passes the door (the assertions above are meaningful)', async () => {
    const { action } = setup('plan', [TEST_APPROVED_BUNDLE]);
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
