/*
 * The environment's customer-managed KMS key (guardrail G9): one key per
 * environment, so that destroying or disabling it crypto-shreds exactly one
 * environment. Rotation is on.
 *
 * Key policy: the account root statement delegates to IAM (AWS's recommended
 * baseline, and what keeps the key manageable). Service use is then scoped
 * with `kms:ViaService`, so the key can be used only through the services the
 * enclave runs (S3, Secrets Manager, EMR, WorkSpaces and EC2/EBS for their
 * volumes) by principals of this account. CloudWatch Logs is a service
 * principal and is bound to this account's log groups by encryption context.
 * Role ARNs are deliberately not named here: the roles reference the key, so
 * naming them back would be a dependency cycle (and KMS rejects unknown principals).
 */
import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { policyDocument } from './iamPolicy';
import {
  requireAccountId,
  requireIntInRange,
  requireNonEmpty,
} from './assertProps';

export interface EnclaveKmsKeyProps {
  namePrefix: string;
  region: string;
  accountId: string;
  /** Days KMS waits before deleting a scheduled key (7–30). Default 30: longest window to undo. */
  deletionWindowInDays?: number;
}

/** Services whose use of the key is allowed via `kms:ViaService`. */
export const KEY_USER_SERVICES = [
  's3',
  'secretsmanager',
  'elasticmapreduce',
  'workspaces',
  'ec2',
] as const;

export class EnclaveKmsKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, props: EnclaveKmsKeyProps) {
    super(scope, id);
    const name = 'EnclaveKmsKey';
    requireNonEmpty(name, 'namePrefix', props.namePrefix);
    requireNonEmpty(name, 'region', props.region);
    requireAccountId(name, 'accountId', props.accountId);
    const deletionWindowInDays = props.deletionWindowInDays ?? 30;
    requireIntInRange(
      name,
      'deletionWindowInDays',
      deletionWindowInDays,
      7,
      30,
    );

    const { accountId, region } = props;
    const accountRoot = `arn:aws:iam::${accountId}:root`;
    this.key = new KmsKey(this, 'key', {
      description: `Data Enclave ${props.namePrefix}: data, logs, secrets and volumes`,
      enableKeyRotation: true,
      deletionWindowInDays,
      policy: policyDocument([
        {
          Sid: 'AccountRootAdministersKey',
          Effect: 'Allow',
          Principal: { AWS: accountRoot },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'UseViaEnclaveServices',
          Effect: 'Allow',
          Principal: { AWS: accountRoot },
          Action: [
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:DescribeKey',
          ],
          Resource: '*',
          Condition: {
            StringEquals: {
              'kms:CallerAccount': accountId,
              'kms:ViaService': KEY_USER_SERVICES.map(
                s => `${s}.${region}.amazonaws.com`,
              ),
            },
          },
        },
        {
          // WorkSpaces, EBS (EMR local disks) and Secrets Manager hold grants.
          Sid: 'GrantsForAwsResourcesOnly',
          Effect: 'Allow',
          Principal: { AWS: accountRoot },
          Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
          Resource: '*',
          Condition: {
            StringEquals: { 'kms:CallerAccount': accountId },
            Bool: { 'kms:GrantIsForAWSResource': 'true' },
          },
        },
        {
          Sid: 'CloudWatchLogsForThisAccount',
          Effect: 'Allow',
          Principal: { Service: `logs.${region}.amazonaws.com` },
          Action: [
            'kms:Encrypt*',
            'kms:Decrypt*',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:Describe*',
          ],
          Resource: '*',
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*`,
            },
          },
        },
      ]),
      tags: { Name: props.namePrefix },
    });
    this.alias = new KmsAlias(this, 'alias', {
      name: `alias/${props.namePrefix}`,
      targetKeyId: this.key.keyId,
    });
  }
}
