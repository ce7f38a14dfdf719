/*
 * Apply mode end to end through the action, with AWS mocked
 * (aws-sdk-client-mock, see enclave-node's FakeAws) and terraform's apply
 * replaced by a stand-in that replays a recorded apply stream. init, plan and
 * show still run the real terraform, so the plan and both guardrail passes are real.
 */
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { UpdateEnvironmentRequest } from '@data-enclave/plugin-enclave-common';
import {
  APPLY_ATTEMPT_DETAIL,
  findProviderMirror,
} from '@data-enclave/plugin-enclave-node';
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

const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true')
  throw new Error('the provider mirror is required under CI=true');
const describeEngine = mirror ? describe : describe.skip;

const sts = useFakeSts();

describeEngine(
  'enclave:environment:provision in apply mode (mocked AWS, stand-in terraform apply)',
  () => {
    jest.setTimeout(600_000);

    it('applies, creates every desktop AVAILABLE, outputs ids and the registration code, and leaks no password', async () => {
      const aws = new FakeAws({ pendingPolls: 2 });
      const standInLog = join(
        mkdtempSync(join(tmpdir(), 'enclave-standin-')),
        'calls.log',
      );
      process.env.STANDIN_LOG = standInLog;
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
          binary: resolve(
            __dirname,
            '../__testUtils__/applyStandInTerraform.js',
          ),
          providerMirror: mirror,
          workDir: mkdtempSync(join(tmpdir(), 'enclave-apply-work-')),
          pluginCacheDir: resolve(tmpdir(), 'data-enclave-test-plugin-cache'),
        },
      });
      const registry = new RecordingRegistry();
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
      const { ctx, logs } = contextFor(VALID_INPUT);
      try {
        await action.handler(ctx);
      } finally {
        delete process.env.STANDIN_LOG;
        aws.restore();
      }

      expect(readFileSync(standInLog, 'utf8').trim().split('\n')).toEqual([
        'init',
        'plan',
        'show',
        'apply',
        'output',
      ]);
      const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
      expect(outputs.state).toBe('ready');
      expect(outputs.registrationCode).toBe('SLiad+Q7WXYZ');
      // EMR is launched on demand (enclave-node stack/emrLaunchSpec.ts): its
      // primary DNS is live status (sparkClusterStatus), not a stack output.
      expect(outputs.emrPrimaryDns).toBeUndefined();
      expect(outputs.workspaces).toHaveLength(2);
      for (const ws of outputs.workspaces) {
        expect(ws.state).toBe('AVAILABLE');
        expect(ws.workspaceId).toMatch(/^ws-/);
      }
      expect(aws.count('CreateWorkspaces')).toBe(1);
      // Numbered against the plan's change count.
      expect(logs).toContain(
        `[1/${outputs.planSummary.add}] aws_kms_key.kms: created (2s)`,
      );
      expect(logs).toContain(
        'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
      );

      const record = registry.get(outputs.environmentId)!;
      expect(record.state).toBe('ready');
      // The card follows the phases; the desktops step is the longest one.
      const phases = registry.calls
        .map(c => (c.args[1] as { phase?: string | null } | undefined)?.phase)
        .filter(Boolean);
      expect(phases.slice(-2)).toEqual(['outputs', 'desktops']);
      // Before terraform ran, the provision's operation said it may create
      // resources: what a plan-mode decommission reads (appliedEvidence).
      const marker = registry.calls.findIndex(
        c =>
          (c.args[1] as UpdateEnvironmentRequest | undefined)?.operation?.detail
            ?.mode === 'apply',
      );
      expect(marker).toBeGreaterThan(-1);
      expect(registry.calls[marker].args[1]).toMatchObject({
        operation: {
          id: 'op-create-1',
          kind: 'provision',
          result: 'running',
          detail: APPLY_ATTEMPT_DETAIL,
        },
      });
      expect(marker).toBeLessThan(
        registry.calls.findIndex(
          c => (c.args[1] as { phase?: string } | undefined)?.phase === 'init',
        ),
      );
      expect(record.outputs.directoryId).toBe('d-0123456789');
      expect(
        record.members.every(m => m.secretName && !('password' in m)),
      ).toBe(true);

      // Secret scan: the users' passwords (what the code sent to AWS) appear in
      // no log line, no output, no registry write and no workspace file.
      expect(aws.passwordsSent.length).toBeGreaterThanOrEqual(2);
      const haystacks = [
        logs.join('\n'),
        JSON.stringify(outputs),
        JSON.stringify(registry.calls),
      ];
      const walk = (dir: string): string[] =>
        (existsSync(dir) ? readdirSync(dir) : []).flatMap(name => {
          const path = join(dir, name);
          if (name === 'providers') return [];
          return statSync(path).isDirectory()
            ? walk(path)
            : [readFileSync(path, 'latin1')];
        });
      const files = walk(config.terraform.workDir);
      expect(files.length).toBeGreaterThan(3); // cdk.tf.json, plan.json, CLI config, lock file...
      haystacks.push(...files, ...walk(ctx.workspacePath));
      for (const password of aws.passwordsSent) {
        for (const text of haystacks)
          expect(text.includes(password)).toBe(false);
      }
    });
  },
);
