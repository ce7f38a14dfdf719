/*
 * The on-demand Spark cluster against FakeAws (mocked AWS: EMR on
 * aws-sdk-client-mock, clusters idle out like AutoTerminationPolicy does).
 */
import { RunJobFlowCommand } from '@aws-sdk/client-emr';
import {
  parseEmrLaunchSpec,
  sparkClusterIdentity,
  sparkClusterStatus,
  startSparkCluster,
  terminateSparkClusters,
} from './sparkCluster';
import { exampleEmrLaunchSpec } from './__testUtils__/emrLaunchSpecFixture';
import { FakeAws, captureLogger, fakeTiming } from './__testUtils__/fakeAws';

const SPEC = exampleEmrLaunchSpec();

describe('on-demand Spark cluster (mocked AWS)', () => {
  it('launches exactly the launch spec G6 checked: roles, SGs, security configuration, subnet, idle auto-termination, log URI, log upload policy, tags', async () => {
    const aws = new FakeAws();
    const started = await startSparkCluster({
      client: aws.clients.emr,
      spec: SPEC,
      logger: captureLogger(),
    });
    expect(started).toMatchObject({ started: true, state: 'STARTING' });
    const [call] = aws.mocks.emr.commandCalls(RunJobFlowCommand);
    expect(call.args[0].input).toMatchObject({
      Name: 'enclave-analytics',
      ServiceRole: SPEC.service_role,
      JobFlowRole: SPEC.instance_profile,
      SecurityConfiguration: SPEC.security_configuration,
      LogUri: SPEC.log_uri,
      LogEncryptionKmsKeyId: SPEC.log_encryption_kms_key_id,
      // Every log in the environment's bucket, none in EMR's AWS-owned ones.
      MonitoringConfiguration: {
        S3LoggingConfiguration: {
          LogTypeUploadPolicy: {
            'system-logs': 'on-customer-s3only',
            'application-logs': 'on-customer-s3only',
            'persistent-ui-logs': 'disabled',
          },
        },
      },
      AutoTerminationPolicy: { IdleTimeout: 3600 },
      Instances: {
        Ec2SubnetId: 'subnet-0a',
        EmrManagedMasterSecurityGroup: 'sg-0primary',
        EmrManagedSlaveSecurityGroup: 'sg-0core',
        ServiceAccessSecurityGroup: 'sg-0service',
        KeepJobFlowAliveWhenNoSteps: true,
      },
      Tags: expect.arrayContaining([
        { Key: 'enclave:environment', Value: 'analytics' },
        { Key: 'for-use-with-amazon-emr-managed-policies', Value: 'true' },
      ]),
    });
    aws.restore();
  });

  it('is idempotent while a cluster is STARTING/WAITING, and starts a new one after the idle-out', async () => {
    const aws = new FakeAws();
    const call = {
      client: aws.clients.emr,
      spec: SPEC,
      logger: captureLogger(),
    };
    const first = await startSparkCluster(call);
    const again = await startSparkCluster(call);
    expect(again).toMatchObject({ started: false, clusterId: first.clusterId });
    const identity = sparkClusterIdentity(SPEC);
    expect(
      await sparkClusterStatus({ client: aws.clients.emr, identity }),
    ).toMatchObject({ state: 'WAITING', clusterId: first.clusterId });
    expect(aws.count('RunJobFlow')).toBe(1);

    aws.idleOut(first.clusterId!);
    expect(
      await sparkClusterStatus({ client: aws.clients.emr, identity }),
    ).toEqual({ state: 'NONE' });
    const next = await startSparkCluster(call);
    expect(next.started).toBe(true);
    expect(next.clusterId).not.toBe(first.clusterId);
    aws.restore();
  });

  it("ignores a same-named cluster without the environment's tag", async () => {
    const aws = new FakeAws();
    await aws.clients.emr.send(
      new RunJobFlowCommand({ Name: SPEC.name, Tags: [] } as never),
    );
    expect(
      await sparkClusterStatus({
        client: aws.clients.emr,
        identity: sparkClusterIdentity(SPEC),
      }),
    ).toEqual({ state: 'NONE' });
    aws.restore();
  });

  it('terminates the running cluster and waits until it is gone', async () => {
    const aws = new FakeAws();
    const { clusterId } = await startSparkCluster({
      client: aws.clients.emr,
      spec: SPEC,
      logger: captureLogger(),
    });
    const terminated = await terminateSparkClusters({
      client: aws.clients.emr,
      identity: sparkClusterIdentity(SPEC),
      logger: captureLogger(),
      timing: fakeTiming(),
    });
    expect(terminated).toEqual([clusterId]);
    expect(aws.clusters.get(clusterId!)!.cluster.Status!.State).toBe(
      'TERMINATED',
    );
    aws.restore();
  });

  it('refuses an invalid launch spec before any AWS call, saying what to do', () => {
    expect(() =>
      parseEmrLaunchSpec({ ...SPEC, auto_termination_policy: [] }),
    ).toThrow(
      /emr_launch_spec is missing or invalid \(auto_termination_policy: .*Apply the environment's stack/,
    );
    // A spec from a stack version before the log upload policy: EMR's default
    // would push logs to AWS-owned buckets, so it is refused, not defaulted.
    const { log_type_upload_policy: _omitted, ...older } = SPEC;
    expect(() => parseEmrLaunchSpec(older)).toThrow(
      /emr_launch_spec is missing or invalid \(log_type_upload_policy: .*upgrade it/,
    );
    expect(() =>
      parseEmrLaunchSpec({
        ...SPEC,
        log_type_upload_policy: {
          ...SPEC.log_type_upload_policy,
          'persistent-ui-logs': 'on-customer-s3only',
        },
      }),
    ).toThrow(/log_type_upload_policy\.persistent-ui-logs/);
  });
});
