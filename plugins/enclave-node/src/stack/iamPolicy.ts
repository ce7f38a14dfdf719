/*
 * Minimal typed IAM policy documents. Rendered with JSON.stringify: cdktf
 * tokens (e.g. a key ARN) are plain strings at this point and resolve to
 * `${aws_kms_key.x.arn}` interpolations inside the JSON string at synth time,
 * so policies stay readable in cdk.tf.json and in plan output.
 */

/** Condition block: operator → condition key → value(s). */
export type PolicyCondition = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: PolicyCondition;
}

/** Serializes statements as an IAM policy document (version 2012-10-17). */
export function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy letting one AWS service assume a role, pinned to our account (confused-deputy guard). */
export function serviceTrustPolicy(service: string, accountId: string): string {
  return policyDocument([
    {
      Sid: 'TrustService',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    },
  ]);
}
