/*
 * Secret-leak suite for provisioning in apply mode (mocked AWS and STS,
 * stand-in terraform apply; init/plan/show are real). The directory admin
 * password is a known value stored as if by an earlier attempt, and
 * the users' initial passwords are whatever the code sent to AWS
 * (FakeAws.passwordsSent). None of them may appear in any log line (info,
 * warn, error), task output, registry call or record, emitted catalog entity,
 * or any file in the workspace and the terraform working dir.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { environmentToEntity } from '@data-enclave/plugin-catalog-backend-module-enclave';
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
import {
  Artifact,
  fileArtifacts,
  findLeaks,
  jsonArtifact,
  reportScan,
} from '../__testUtils__/secretScan';

const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true') {
  throw new Error('the provider mirror is required under CI=true');
}
const describeEngine = mirror ? describe : describe.skip;

// Distinctive, so a substring match can only be a real leak.
const DIRECTORY_PASSWORD = 'Kn0wn-Dir3ctory-Adm1n-Pa55!q7Z';
const ENVIRONMENT = { name: VALID_INPUT.name, team: VALID_INPUT.owner };

const sts = useFakeSts();

describeEngine('secret leaks: provision in apply mode', () => {
  it('no generated or supplied password appears in any artifact of the run', async () => {
    const aws = new FakeAws({ pendingPolls: 1 });
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
        binary: resolve(__dirname, '../__testUtils__/applyStandInTerraform.js'),
        providerMirror: mirror,
        workDir: mkdtempSync(join(tmpdir(), 'enclave-secrets-work-')),
        pluginCacheDir: resolve(tmpdir(), 'data-enclave-test-plugin-cache'),
      },
    });
    const registry = new RecordingRegistry();
    const catalog = catalogServiceMock({ entities: exampleOrg() });
    // As if an earlier attempt had stored it: the pipeline must reuse it.
    storeDirectoryPassword(aws, ENVIRONMENT, DIRECTORY_PASSWORD);
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
    const otherLogs: string[] = [];
    for (const level of ['warn', 'error', 'debug'] as const) {
      (ctx.logger as any)[level] = (message: string, meta?: unknown) =>
        otherLogs.push(`${level}: ${message} ${JSON.stringify(meta ?? {})}`);
    }
    try {
      await action.handler(ctx);
    } finally {
      aws.restore();
    }

    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs.state).toBe('ready');
    const record = registry.get(outputs.environmentId)!;
    const stackFiles = fileArtifacts(config.terraform.workDir);
    // The password did reach terraform: the plan JSON held it, redacted to ***.
    const planJson = stackFiles.find(f => f.name.endsWith('plan.json'));
    expect(planJson?.text).toContain('***');

    const artifacts: Artifact[] = [
      ...logs.map((line, i) => ({ name: `log info #${i}`, text: line })),
      ...otherLogs.map((line, i) => ({ name: `log other #${i}`, text: line })),
      ...(ctx.output as jest.Mock).mock.calls.map(([key, value]) =>
        jsonArtifact(`task output ${key}`, value),
      ),
      ...registry.calls.map((call, i) =>
        jsonArtifact(`registry call #${i} ${call.method}`, call.args),
      ),
      jsonArtifact('registry record', record),
      jsonArtifact('catalog entity', environmentToEntity(record)),
      ...stackFiles,
      ...fileArtifacts(ctx.workspacePath),
    ];
    const secrets = [DIRECTORY_PASSWORD, ...aws.passwordsSent];
    // Two users → two initial passwords sent to AWS (reset + secret).
    expect(new Set(aws.passwordsSent).size).toBeGreaterThanOrEqual(2);
    expect(findLeaks(artifacts, secrets)).toEqual([]);
    // The scan itself works: a planted copy is found.
    expect(
      findLeaks(
        [{ name: 'planted', text: `x${DIRECTORY_PASSWORD}x` }],
        secrets,
      ),
    ).toEqual(['planted: secret #0']);
    reportScan('provision (apply mode)', artifacts, secrets.length);
    expect(readFileSync(planJson!.name, 'utf8')).not.toContain(
      DIRECTORY_PASSWORD,
    );
  }, 600_000);
});
