import { EMR_LAUNCH_SPEC_KIND } from './emrLaunchSpec';
import { EnclaveEmrCluster } from './emrCluster';
import {
  onlyResource,
  parsePolicy,
  resourcesOfType,
  synthConstruct,
} from './__testUtils__/synthJson';

describe('EnclaveEmrCluster', () => {
  const props = {
    namePrefix: 'enclave-test',
    region: 'us-east-1',
    accountId: '123456789012',
    vpcId: 'vpc-1',
    vpcCidr: '10.9.0.0/16',
    subnetId: 'subnet-a',
    kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
    bucketName: 'data-bucket',
    bucketArn: 'arn:aws:s3:::data-bucket',
    gatewayPrefixListIds: ['pl-s3', 'pl-ddb'],
    tags: { 'enclave:environment': 'test' },
  };
  const json = synthConstruct(
    scope => new EnclaveEmrCluster(scope, 'emr', props),
  );

  it('declares no aws_emr_cluster: the launch spec (terraform_data) carries 1 primary + 2 core m5.xlarge Spark nodes in the private subnet with the managed SGs', () => {
    expect(resourcesOfType(json, 'aws_emr_cluster')).toEqual([]);
    const spec = onlyResource(json, 'terraform_data').input;
    expect(spec).toMatchObject({
      kind: EMR_LAUNCH_SPEC_KIND,
      release_label: 'emr-7.14.0',
      applications: ['Spark'],
      master_instance_group: [
        { instance_type: 'm5.xlarge', instance_count: 1 },
      ],
      core_instance_group: [{ instance_type: 'm5.xlarge', instance_count: 2 }],
      auto_termination_policy: [{ idle_timeout: 3600 }],
      log_uri: 's3://data-bucket/emr-logs/',
      // Every log type in the data bucket or off: nothing for AWS-owned log buckets.
      log_type_upload_policy: {
        'system-logs': 'on-customer-s3only',
        'application-logs': 'on-customer-s3only',
        'persistent-ui-logs': 'disabled',
      },
      tags: {
        'enclave:environment': 'test',
        'for-use-with-amazon-emr-managed-policies': 'true',
      },
    });
    expect(spec.ec2_attributes[0].subnet_id).toBe('subnet-a');
    for (const key of [
      'emr_managed_master_security_group',
      'emr_managed_slave_security_group',
      'service_access_security_group',
    ]) {
      expect(spec.ec2_attributes[0][key]).toMatch(/^\$\{aws_security_group\./);
    }
    for (const sg of resourcesOfType(json, 'aws_security_group')) {
      expect(sg.revoke_rules_on_delete).toBe(true);
      expect(sg.ingress).toBeUndefined();
      expect(sg.egress).toBeUndefined();
    }
  });

  it('encrypts S3 and local disks with the key', () => {
    const config = JSON.parse(
      onlyResource(json, 'aws_emr_security_configuration').configuration,
    );
    expect(
      config.EncryptionConfiguration.AtRestEncryptionConfiguration,
    ).toEqual({
      S3EncryptionConfiguration: {
        EncryptionMode: 'SSE-KMS',
        AwsKmsKey: props.kmsKeyArn,
      },
      LocalDiskEncryptionConfiguration: {
        EncryptionKeyProviderType: 'AwsKms',
        AwsKmsKey: props.kmsKeyArn,
        EnableEbsEncryption: true,
      },
    });
  });

  it('opens 9443 from the primary SG to service access and keeps egress inside the VPC/endpoints', () => {
    const ingress = resourcesOfType(
      json,
      'aws_vpc_security_group_ingress_rule',
    );
    expect(ingress.filter(r => r.from_port === 9443)).toHaveLength(1);
    for (const rule of ingress) expect(rule.cidr_ipv4).toBeUndefined();
    const egress = resourcesOfType(json, 'aws_vpc_security_group_egress_rule');
    for (const rule of egress) {
      const target =
        rule.cidr_ipv4 ??
        rule.prefix_list_id ??
        rule.referenced_security_group_id;
      expect([props.vpcCidr, 'pl-s3', 'pl-ddb']).toContain(
        rule.referenced_security_group_id ? props.vpcCidr : target,
      );
    }
  });

  it('keeps the service and instance roles separate and scoped', () => {
    const roles = resourcesOfType(json, 'aws_iam_role');
    expect(roles.map(r => r.name).sort()).toEqual([
      'enclave-test-emr-instance',
      'enclave-test-emr-service',
    ]);
    expect(
      onlyResource(json, 'aws_iam_role_policy_attachment').policy_arn,
    ).toBe('arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2');
    const policies = resourcesOfType(json, 'aws_iam_role_policy').map(p =>
      parsePolicy(p.policy),
    );
    for (const policy of policies) {
      for (const statement of policy.Statement) {
        expect(statement.Action).not.toBe('*');
        expect(statement.Resource).not.toBe('*');
      }
    }
    // The nodes write only to the data bucket (no AWS-owned log bucket).
    const instancePolicy = parsePolicy(
      resourcesOfType(json, 'aws_iam_role_policy').find(
        p => p.name === 'enclave-emr-instance',
      )!.policy,
    );
    const writes = instancePolicy.Statement.filter((st: any) =>
      [st.Action].flat().some((a: string) => /^s3:(Put|\*)/.test(a)),
    );
    expect(writes.map((st: any) => st.Resource)).toEqual([
      `${props.bucketArn}/*`,
    ]);
  });

  it('names bad props', () => {
    const bad = (over: object) => () =>
      synthConstruct(
        scope => new EnclaveEmrCluster(scope, 'emr', { ...props, ...over }),
      );
    expect(bad({ coreNodeCount: 0 })).toThrow(/prop 'coreNodeCount'/);
    expect(bad({ applications: ['Livy'] })).toThrow(
      /prop 'applications' must include Spark/,
    );
    expect(bad({ idleTimeoutSeconds: 10 })).toThrow(
      /prop 'idleTimeoutSeconds'/,
    );
    expect(bad({ gatewayPrefixListIds: [] })).toThrow(
      /prop 'gatewayPrefixListIds'/,
    );
  });
});
