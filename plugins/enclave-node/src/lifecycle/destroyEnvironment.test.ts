/*
 * Decommission with mocked AWS (the in-memory FakeAws on aws-sdk-client-mock)
 * and the stand-in terraform binary where `terraform destroy` would hit AWS.
 */
import {
  captureLogger,
  DIRECTORY_ID,
  FakeAws,
  fakeTiming,
} from '../aws/__testUtils__/fakeAws';
import { destroyEnvironment } from './destroyEnvironment';
import { storedSpec } from './environmentTerraform';
import {
  environmentDataBucketName,
  environmentSparkCluster,
} from '../stack/resourceNames';
import { setInitialPassword } from '../aws/userSecrets';
import { KMS_KEY_ARN } from '../aws/__testUtils__/fakeAws';
import { RunJobFlowCommand } from '@aws-sdk/client-emr';
import {
  checkpointStore,
  EXAMPLE_SPEC,
  standInSetup,
} from './__testUtils__/lifecycleStandIn';

// Each test synthesizes the stack and runs the stand-in terraform (2 CPUs shared).
jest.setTimeout(60_000);

const MEMBERS = [
  { username: 'ada.lovelace', entityRef: 'user:default/ada.lovelace' },
  { username: 'alan.turing', entityRef: 'user:default/alan.turing' },
];

function seededAws() {
  const fake = new FakeAws();
  for (const m of MEMBERS) {
    fake.seedWorkspace(m.username);
    fake.secrets.set(`enclave/analytics/${m.username}`, { values: ['{}'] });
  }
  // A desktop the registry never recorded (an interrupted add-user run).
  fake.seedWorkspace('grace.hopper');
  return fake;
}

function run(
  fake: FakeAws,
  setup: ReturnType<typeof standInSetup>,
  extra: Partial<Parameters<typeof destroyEnvironment>[0]> = {},
) {
  return destroyEnvironment({
    spec: EXAMPLE_SPEC,
    stackVersion: '1.0.0',
    config: setup.config,
    workDir: setup.workDir,
    directoryId: DIRECTORY_ID,
    members: MEMBERS,
    clients: fake.clients,
    terraformEnv: setup.terraformEnv(),
    logger: captureLogger(),
    timing: fakeTiming(),
    onSpawn: (_pid, command) => fake.callLog.push(`terraform ${command}`),
    ...extra,
  });
}

function liveWorkspaces(fake: FakeAws) {
  return [...fake.workspaces.values()].filter(w => w.State !== 'TERMINATED');
}

function liveSecrets(fake: FakeAws) {
  return [...fake.secrets].filter(([, s]) => !s.deleted).map(([n]) => n);
}

describe('decommission leaves nothing behind and frees the name (mocked AWS: FakeAws with AWS semantics; stand-in terraform)', () => {
  it('starts with objects, versions and delete markers in the bucket and a running Spark cluster, and ends with nothing in the fakes', async () => {
    const fake = seededAws();
    const setup = standInSetup();
    const spec = storedSpec(EXAMPLE_SPEC, setup.config);
    const bucket = environmentDataBucketName(spec);
    // 1200 objects x (2 versions + 1 delete marker) = 3600 entries: 4 batches.
    fake.seedBucket(bucket, 1200, 2);
    await fake.clients.emr.send(
      new RunJobFlowCommand({
        Name: environmentSparkCluster(spec).name,
        Instances: {},
        Tags: [
          {
            Key: 'enclave:environment',
            Value: environmentSparkCluster(spec).environment,
          },
        ],
      }),
    );
    // Terraform's own DeleteBucket (what the provider does with force_destroy
    // false) refuses while anything is left.
    await expect(fake.destroyBucketAndKey(bucket)).rejects.toMatchObject({
      name: 'BucketNotEmpty',
    });
    const progress: number[] = [];
    const result = await run(fake, setup, {
      onBucketProgress: n => progress.push(n),
      onSpawn: (_pid, command) => {
        fake.callLog.push(`terraform ${command}`);
      },
    });
    expect(result.bucketObjectsDeleted).toBe(3600);
    expect(progress).toEqual([1000, 2000, 3000, 3600]);
    expect(fake.count('DeleteObjects')).toBe(4);
    expect(result.sparkClustersTerminated).toHaveLength(1);
    const log = fake.callLog;
    expect(log.indexOf('TerminateJobFlows')).toBeLessThan(
      log.indexOf('DeleteObjects'),
    );
    expect(log.lastIndexOf('DeleteObjects')).toBeLessThan(
      log.indexOf('terraform destroy'),
    );
    // What `terraform destroy` then does to the bucket and the key succeeds.
    await fake.destroyBucketAndKey(bucket);
    expect(fake.buckets.has(bucket)).toBe(false);
    expect(fake.kmsKeys.get(KMS_KEY_ARN)!.pendingDeletion).toBe(true);
    expect(
      [...fake.clusters.values()].map(c => c.cluster.Status!.State),
    ).toEqual(['TERMINATED']);
    expect(liveWorkspaces(fake)).toEqual([]);
    // Force-deleted: not even a secret pending deletion is left.
    expect([...fake.secrets.keys()]).toEqual([]);
    fake.restore();
  });

  it('re-provisions the same name right after a decommission', async () => {
    const fake = seededAws();
    const setup = standInSetup();
    await run(fake, setup);
    // A new key for the new environment (the old one is pending deletion).
    const newKey = KMS_KEY_ARN.replace(/key\/.*/, 'key/new-key');
    fake.kmsKeys.set(newKey, {
      keyPolicyDelegatesToAccount: true,
      callerMayUse: true,
    });
    fake.directoryUsers.set('ada.lovelace', {});
    const secret = await setInitialPassword({
      environment: 'analytics',
      directoryId: DIRECTORY_ID,
      username: 'ada.lovelace',
      kmsKeyArn: newKey,
      tags: {},
      clients: fake.clients,
      timing: fakeTiming(),
    });
    expect(secret).toBe('enclave/analytics/ada.lovelace');
    // The purge of the force-deleted secret was waited out, not failed on.
    expect(fake.count('CreateSecret')).toBe(2);
    expect(fake.secrets.get(secret)!.kmsKeyId).toBe(newKey);
    fake.restore();
  });

  it('a key whose policy does not delegate to the account cannot encrypt the secret', async () => {
    const fake = new FakeAws();
    fake.kmsKeys.set(KMS_KEY_ARN, {
      keyPolicyDelegatesToAccount: false,
      callerMayUse: true,
    });
    fake.directoryUsers.set('ada.lovelace', {});
    await expect(
      setInitialPassword({
        environment: 'analytics',
        directoryId: DIRECTORY_ID,
        username: 'ada.lovelace',
        kmsKeyArn: KMS_KEY_ARN,
        tags: {},
        clients: fake.clients,
        timing: fakeTiming(),
      }),
    ).rejects.toThrow(/EncryptionFailure/);
    fake.restore();
  });

  it('retries deregistration through OperationNotSupportedException', async () => {
    const fake = seededAws();
    fake.deregisterFailures = 2;
    fake.deregisterFailureCode = 'OperationNotSupportedException';
    const result = await run(fake, standInSetup());
    expect(result.directory).toBe('deregistered');
    expect(fake.count('DeregisterWorkspaceDirectory')).toBe(3);
    fake.restore();
  });
});

describe('destroyEnvironment (mocked AWS, stand-in terraform)', () => {
  it('deregisters the directory only after every WorkSpace is gone, and runs terraform destroy only after that', async () => {
    const fake = seededAws();
    const setup = standInSetup();
    const result = await run(fake, setup);

    const log = fake.callLog;
    const lastTerminatingPoll = log.lastIndexOf('DescribeWorkspaces');
    const firstDeregister = log.indexOf('DeregisterWorkspaceDirectory');
    const lastDeregister = log.lastIndexOf('DeregisterWorkspaceDirectory');
    const destroy = log.indexOf('terraform destroy');
    const firstSecretDelete = log.indexOf('DeleteSecret');
    expect(log.indexOf('TerminateWorkspaces')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('TerminateWorkspaces')).toBeLessThan(
      lastTerminatingPoll,
    );
    // The wait ends with a poll that found all three TERMINATED…
    expect(lastTerminatingPoll).toBeLessThan(firstDeregister);
    // …so deregistration succeeded at its first attempt.
    expect(firstDeregister).toBe(lastDeregister);
    expect(lastDeregister).toBeLessThan(destroy);
    expect(log.indexOf('terraform init')).toBeLessThan(destroy);
    expect(destroy).toBeLessThan(firstSecretDelete);

    expect(result.workspacesTerminated).toHaveLength(3);
    expect(result.directory).toBe('deregistered');
    expect(setup.terraformCommands()).toEqual(['init', 'destroy']);
    expect(liveWorkspaces(fake)).toEqual([]);
    expect(fake.directoryRegistered).toBe(false);
    expect(liveSecrets(fake)).toEqual([]);
    fake.restore();
  });

  it('resumes after a failed terraform destroy, retrying deregistration through transient errors, and leaves nothing behind', async () => {
    const fake = seededAws();
    fake.deregisterFailures = 2;
    const setup = standInSetup();
    const store = checkpointStore();
    const terraformEnv = setup.terraformEnv('destroy');

    await expect(
      run(fake, setup, { checkpoint: store.checkpoint, terraformEnv }),
    ).rejects.toThrow(
      /terraform destroy failed: .*stand-in destroy failed once/,
    );
    // Deregistration failed twice with the "still in use" error, then worked.
    expect(fake.count('DeregisterWorkspaceDirectory')).toBe(3);
    expect(fake.directoryRegistered).toBe(false);
    expect(liveWorkspaces(fake)).toEqual([]);
    // The secrets are still there: the run stopped before that step.
    expect(liveSecrets(fake)).toHaveLength(2);
    const callsBeforeRetry = fake.callLog.length;

    const result = await run(fake, setup, {
      checkpoint: store.checkpoint,
      terraformEnv,
    });
    const retryCalls = fake.callLog.slice(callsBeforeRetry);
    // Completed steps are not repeated: no WorkSpaces or directory calls.
    expect(retryCalls.filter(c => !c.startsWith('terraform'))).toEqual([
      'DeleteSecret',
      'DeleteSecret',
    ]);
    expect(setup.terraformCommands()).toEqual([
      'init',
      'destroy',
      'init',
      'destroy',
    ]);
    expect(result.secretsDeleted).toEqual([
      'enclave/analytics/ada.lovelace',
      'enclave/analytics/alan.turing',
    ]);
    expect(liveWorkspaces(fake)).toEqual([]);
    expect(fake.directoryRegistered).toBe(false);
    expect(liveSecrets(fake)).toEqual([]);
    fake.restore();
  });

  it('skips the WorkSpaces steps when provisioning never created a directory, and still runs terraform destroy', async () => {
    const fake = new FakeAws();
    const setup = standInSetup();
    const result = await run(fake, setup, { directoryId: undefined });
    expect(result.directory).toBe('none');
    expect(fake.count('TerminateWorkspaces')).toBe(0);
    expect(fake.count('DeregisterWorkspaceDirectory')).toBe(0);
    expect(setup.terraformCommands()).toEqual(['init', 'destroy']);
    fake.restore();
  });
});
