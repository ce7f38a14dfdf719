import { EMR_LAUNCH_SPEC_KIND, EmrLaunchSpec } from '../../stack/emrLaunchSpec';

/**
 * The stack's `emr_launch_spec` output for environment `analytics` in
 * eu-west-1 as terraform prints it (shape: stack/emrLaunchSpec.ts), with
 * made-up resource ids. Tests of the Spark start path, here and in
 * enclave-backend, launch from it.
 */
export function exampleEmrLaunchSpec(
  options: { accountId?: string; tags?: Record<string, string> } = {},
): EmrLaunchSpec {
  const accountId = options.accountId ?? '111122223333';
  return {
    kind: EMR_LAUNCH_SPEC_KIND,
    name: 'enclave-analytics',
    release_label: 'emr-7.14.0',
    applications: ['Spark', 'Livy'],
    service_role: `arn:aws:iam::${accountId}:role/enclave-analytics-emr-service`,
    instance_profile: 'enclave-analytics-emr-instance',
    security_configuration: 'enclave-analytics-at-rest',
    log_uri: `s3://enclave-analytics-${accountId}/emr-logs/`,
    log_encryption_kms_key_id: `arn:aws:kms:eu-west-1:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    log_type_upload_policy: {
      'system-logs': 'on-customer-s3only',
      'application-logs': 'on-customer-s3only',
      'persistent-ui-logs': 'disabled',
    },
    auto_termination_policy: [{ idle_timeout: 3600 }],
    ec2_attributes: [
      {
        subnet_id: 'subnet-0a',
        emr_managed_master_security_group: 'sg-0primary',
        emr_managed_slave_security_group: 'sg-0core',
        service_access_security_group: 'sg-0service',
      },
    ],
    master_instance_group: [{ instance_type: 'm5.xlarge', instance_count: 1 }],
    core_instance_group: [
      {
        instance_type: 'm5.xlarge',
        instance_count: 2,
        ebs_config: [{ size: 64, type: 'gp3', volumes_per_instance: 1 }],
      },
    ],
    tags: options.tags ?? {
      'enclave:environment': 'analytics',
      'for-use-with-amazon-emr-managed-policies': 'true',
    },
  };
}
