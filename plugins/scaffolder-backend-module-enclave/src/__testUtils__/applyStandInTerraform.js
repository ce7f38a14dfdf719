#!/usr/bin/env node
/*
 * Stand-in terraform for apply-mode tests: init, plan and show run the REAL
 * terraform (offline, provider mirror), because those are what the guardrails
 * and the plan summary read. `apply` cannot reach AWS here, so it replays a
 * recorded `-json` apply stream, and `output -json` returns the ids a real
 * apply would have produced. Invocations are logged to STANDIN_LOG.
 */
const { spawnSync } = require('child_process');
const fs = require('fs');

const args = process.argv.slice(2);
if (process.env.STANDIN_LOG)
  fs.appendFileSync(process.env.STANDIN_LOG, `${args[0]}\n`);

const emit = (lines, code) => {
  process.stdout.write(
    `${lines.map(l => JSON.stringify(l)).join('\n')}\n`,
    () => process.exit(code),
  );
};
const hook = (addr, action, extra) => ({
  resource: { addr, resource_type: addr.split('.')[0] },
  action,
  ...extra,
});

if (args[0] === 'apply') {
  emit(
    [
      { type: 'version', terraform: '1.11.4' },
      { type: 'apply_start', hook: hook('aws_kms_key.kms', 'create') },
      {
        type: 'apply_complete',
        hook: hook('aws_kms_key.kms', 'create', {
          id_key: 'id',
          id_value: 'key-1',
          elapsed_seconds: 2,
        }),
      },
      {
        type: 'apply_start',
        hook: hook('aws_directory_service_directory.directory', 'create'),
      },
      {
        type: 'apply_progress',
        hook: hook('aws_directory_service_directory.directory', 'create', {
          elapsed_seconds: 60,
        }),
      },
      {
        type: 'apply_complete',
        hook: hook('aws_directory_service_directory.directory', 'create', {
          id_key: 'id',
          id_value: 'd-0123456789',
          elapsed_seconds: 1500,
        }),
      },
      {
        type: 'change_summary',
        changes: {
          add: 2,
          change: 0,
          import: 0,
          remove: 0,
          operation: 'apply',
        },
      },
    ],
    0,
  );
} else if (args[0] === 'output') {
  const value = v => ({ sensitive: false, type: 'string', value: v });
  process.stdout.write(
    JSON.stringify({
      vpc_id: value('vpc-0abc1234'),
      subnet_ids: {
        sensitive: false,
        type: ['list', 'string'],
        value: ['subnet-a', 'subnet-b'],
      },
      directory_id: value('d-0123456789'),
      directory_dns_ip_addresses: {
        sensitive: false,
        type: ['set', 'string'],
        value: ['10.1.0.10', '10.1.1.10'],
      },
      workspaces_registration_code: value('SLiad+Q7WXYZ'),
      // The on-demand EMR cluster's launch spec (enclave-node
      // stack/emrLaunchSpec.ts): no cluster id or DNS is a Terraform output.
      emr_launch_spec: {
        sensitive: false,
        type: 'object',
        value: {
          kind: 'enclave-emr-launch-spec/v1',
          name: 'data-science-analytics',
          release_label: 'emr-7.14.0',
          applications: ['Spark'],
          service_role:
            'arn:aws:iam::111122223333:role/data-science-analytics-emr-service',
          instance_profile: 'data-science-analytics-emr-instance',
          security_configuration: 'data-science-analytics-at-rest',
          log_uri: 's3://enclave-analytics-data/emr-logs/',
          log_encryption_kms_key_id:
            'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
          auto_termination_policy: [{ idle_timeout: 3600 }],
          ec2_attributes: [
            {
              subnet_id: 'subnet-a',
              emr_managed_master_security_group: 'sg-0primary',
              emr_managed_slave_security_group: 'sg-0core',
              service_access_security_group: 'sg-0service',
            },
          ],
          master_instance_group: [
            { instance_type: 'm5.xlarge', instance_count: 1 },
          ],
          core_instance_group: [
            {
              instance_type: 'm5.xlarge',
              instance_count: 2,
              ebs_config: [{ size: 64, type: 'gp3', volumes_per_instance: 1 }],
            },
          ],
          tags: {
            'enclave:environment': 'analytics',
            'for-use-with-amazon-emr-managed-policies': 'true',
          },
        },
      },
      data_bucket_name: value('enclave-analytics-data'),
      kms_key_arn: value(
        'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ),
      flow_log_group_name: value('/enclave/analytics/flow-logs'),
    }),
    () => process.exit(0),
  );
} else {
  const real = spawnSync(process.env.REAL_TERRAFORM || 'terraform', args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 512 * 1024 * 1024,
  });
  process.stdout.write(real.stdout ?? '', () => process.exit(real.status ?? 1));
}
