/*
 * The environment's data bucket (guardrail G4). Reachable only through the
 * environment's S3 gateway endpoint; encrypted with the environment key;
 * versioned so a deleted or overwritten object can be recovered.
 *
 * The "only via the endpoint" deny has two documented, explicit exceptions:
 *  - platform admin role(s) (`aws:PrincipalArn`), so the platform team and the
 *    Terraform deployer can manage the bucket from outside the VPC (the
 *    stack requires the deployer role in apply mode, see EnclaveStack);
 *  - AWS services acting for us (`aws:PrincipalIsAWSService`), e.g. EMR's
 *    service-side log handling.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { PolicyCondition, policyDocument } from './iamPolicy';
import { ConstructPropsError, requireNonEmpty } from './assertProps';

export interface EnclaveDataBucketProps {
  /** Globally unique bucket name (3–63 chars). */
  bucketName: string;
  kmsKeyArn: string;
  /** The S3 gateway endpoint id (`vpce-…`) all data access must come through. */
  s3EndpointId: string;
  /** IAM role ARNs exempt from the endpoint-only rule. Default none. */
  adminPrincipalArns?: readonly string[];
  /**
   * Let `terraform destroy` delete a non-empty bucket. Default false: data
   * outlives mistakes, and decommissioning empties the bucket explicitly
   * first (aws/emptyBucket.ts, with progress; see docs/lifecycle.md).
   */
  forceDestroy?: boolean;
}

export class EnclaveDataBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: EnclaveDataBucketProps) {
    super(scope, id);
    const name = 'EnclaveDataBucket';
    requireNonEmpty(name, 'kmsKeyArn', props.kmsKeyArn);
    requireNonEmpty(name, 's3EndpointId', props.s3EndpointId);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.bucketName ?? '')) {
      throw new ConstructPropsError(
        name,
        'bucketName',
        'must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit',
      );
    }
    const admins = props.adminPrincipalArns ?? [];
    for (const arn of admins) {
      if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/.test(arn)) {
        throw new ConstructPropsError(
          name,
          'adminPrincipalArns',
          `has '${arn}', which is not an IAM role or user ARN`,
        );
      }
    }

    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(
      this,
      'public-access-block',
      {
        bucket: this.bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
    );
    const encryption = new S3BucketServerSideEncryptionConfigurationA(
      this,
      'encryption',
      {
        bucket: this.bucket.id,
        rule: [
          {
            applyServerSideEncryptionByDefault: {
              sseAlgorithm: 'aws:kms',
              kmsMasterKeyId: props.kmsKeyArn,
            },
            // Bucket keys cut KMS request volume (and cost) by ~99% for Spark workloads.
            bucketKeyEnabled: true,
          },
        ],
      },
    );
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    // ACLs disabled: access is decided by policies only.
    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    const notViaEndpoint: PolicyCondition = {
      StringNotEquals: { 'aws:SourceVpce': props.s3EndpointId },
      Bool: { 'aws:PrincipalIsAWSService': 'false' },
    };
    if (admins.length > 0)
      notViaEndpoint.ArnNotLike = { 'aws:PrincipalArn': [...admins] };

    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'DenyAccessNotViaEnclaveEndpoint',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: notViaEndpoint,
        },
      ]),
      // The deny lands last: S3 rejects a policy write that races the public
      // access block, and once the policy is in place every later bucket
      // call from outside the VPC depends on the deployer exemption. Waiting
      // for versioning, encryption and ownership too means none of them can
      // be applied after (or concurrently with) the lock.
      dependsOn: [publicAccessBlock, encryption, versioning, ownership],
    });
  }
}
