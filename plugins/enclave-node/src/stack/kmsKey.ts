/*
 * The environment's customer-managed KMS key (guardrail G9): one key per
 * environment, so that destroying or disabling it crypto-shreds exactly one
 * environment. Rotation is on.
 *
 * Key policy, two statements:
 * - `EnableIamPolicies`: `kms:*` for the account root. This is what makes IAM
 *   policies count for this key at all (KMS Developer Guide, "Default key
 *   policy" → "Allows access to the AWS account and enables IAM policies");
 *   without it no principal of the account could use or manage the key, however
 *   broad its IAM policy. It grants nothing by itself: every use then needs the
 *   principal's own IAM permission, and those are scoped where they are granted
 *   (the deployer uses it only via Secrets Manager and WorkSpaces,
 *   docs/iam-policy.json; the EMR roles only this key, emrCluster.ts).
 *   EMR, WorkSpaces/EBS and Secrets Manager act as those IAM principals (or
 *   through grants they create), so they need no statement of their own here.
 * - `CloudWatchLogsFlowLogs`: CloudWatch Logs is a service principal, not an
 *   IAM principal of the account, so an encrypted log group needs it named in
 *   the key policy, bound by encryption context to this environment's log
 *   groups (CloudWatch Logs User Guide, "Encrypt log data in CloudWatch Logs
 *   using AWS Key Management Service", step 2).
 * A foreign account gets nothing: it is named nowhere (the iam-simulate test
 * in iam/deployerPolicy.test.ts proves it). Role ARNs are deliberately not
 * named: the roles reference the key, so naming them back would be a
 * dependency cycle (and KMS rejects unknown principals).
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
          Sid: 'EnableIamPolicies',
          Effect: 'Allow',
          Principal: { AWS: accountRoot },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'CloudWatchLogsFlowLogs',
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
              'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:/enclave/${props.namePrefix}/*`,
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
