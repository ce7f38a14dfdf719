import { EnclaveDataBucket } from './dataBucket';
import {
  onlyResource,
  parsePolicy,
  synthConstruct,
} from './__testUtils__/synthJson';

describe('EnclaveDataBucket', () => {
  const props = {
    bucketName: 'enclave-test-123456789012',
    kmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/k',
    s3EndpointId: 'vpce-123',
  };

  it('blocks public access, encrypts with the key and versions objects', () => {
    const json = synthConstruct(
      scope => new EnclaveDataBucket(scope, 'bucket', props),
    );
    expect(onlyResource(json, 'aws_s3_bucket')).toMatchObject({
      bucket: props.bucketName,
      force_destroy: false,
    });
    expect(
      onlyResource(json, 'aws_s3_bucket_public_access_block'),
    ).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(
      onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration')
        .rule,
    ).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: props.kmsKeyArn,
        },
        bucket_key_enabled: true,
      },
    ]);
    expect(
      onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration,
    ).toEqual({ status: 'Enabled' });
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual(
      {
        object_ownership: 'BucketOwnerEnforced',
      },
    );
  });

  it('denies non-TLS and non-endpoint access, with admin and AWS-service exceptions', () => {
    const json = synthConstruct(
      scope =>
        new EnclaveDataBucket(scope, 'bucket', {
          ...props,
          adminPrincipalArns: ['arn:aws:iam::123456789012:role/platform-admin'],
        }),
    );
    const [tls, endpoint] = parsePolicy(
      onlyResource(json, 'aws_s3_bucket_policy').policy,
    ).Statement;
    expect(tls).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(endpoint).toMatchObject({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: {
        StringNotEquals: { 'aws:SourceVpce': 'vpce-123' },
        Bool: { 'aws:PrincipalIsAWSService': 'false' },
        ArnNotLike: {
          'aws:PrincipalArn': ['arn:aws:iam::123456789012:role/platform-admin'],
        },
      },
    });
  });

  it('omits the admin exception when there are no admins', () => {
    const json = synthConstruct(
      scope => new EnclaveDataBucket(scope, 'bucket', props),
    );
    const endpoint = parsePolicy(
      onlyResource(json, 'aws_s3_bucket_policy').policy,
    ).Statement[1];
    expect(endpoint.Condition.ArnNotLike).toBeUndefined();
  });

  it('names bad props', () => {
    expect(() =>
      synthConstruct(
        scope =>
          new EnclaveDataBucket(scope, 'b', {
            ...props,
            bucketName: 'Bad_Name',
          }),
      ),
    ).toThrow(/prop 'bucketName'/);
    expect(() =>
      synthConstruct(
        scope =>
          new EnclaveDataBucket(scope, 'b', {
            ...props,
            adminPrincipalArns: ['admin'],
          }),
      ),
    ).toThrow(/prop 'adminPrincipalArns' has 'admin'/);
  });
});
