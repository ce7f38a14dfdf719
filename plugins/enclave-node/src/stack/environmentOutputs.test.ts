import { readEnvironmentOutputs } from './environmentOutputs';

describe('readEnvironmentOutputs', () => {
  it('maps the stack outputs onto the registry fields and drops what is missing or mistyped', () => {
    expect(
      readEnvironmentOutputs({
        vpc_id: 'vpc-0abc',
        subnet_ids: ['subnet-1', 'subnet-2'],
        directory_id: 'd-0123456789',
        directory_dns_ip_addresses: ['10.0.1.10', '10.0.2.10'],
        workspaces_registration_code: 'SLiad+Q7WXYZ',
        kms_key_arn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
        data_bucket_name: 42,
        flow_log_group_name: ['not', 'a', 'string'],
        security_group_ids: { endpoints: 'sg-1' },
        emr_launch_spec: { kind: 'enclave-emr-launch-spec/v1', name: 'e' },
        emr_primary_dns: { not: 'a string' },
      }),
    ).toEqual({
      vpcId: 'vpc-0abc',
      subnetIds: ['subnet-1', 'subnet-2'],
      directoryId: 'd-0123456789',
      directoryDnsIps: ['10.0.1.10', '10.0.2.10'],
      registrationCode: 'SLiad+Q7WXYZ',
      kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k',
      // Kept whole for "Start Spark" (validated by parseEmrLaunchSpec there).
      emrLaunchSpec: { kind: 'enclave-emr-launch-spec/v1', name: 'e' },
    });
  });

  it('drops a launch spec that is not an object', () => {
    expect(
      readEnvironmentOutputs({ emr_launch_spec: ['a'] }).emrLaunchSpec,
    ).toBeUndefined();
  });
});
