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

/**
 * The trust policy of an EC2 instance profile role: `ec2.amazonaws.com` may
 * assume it, without condition keys. `aws:SourceAccount` is a confused-deputy
 * guard for service roles that a service assumes on behalf of a resource
 * (the EMR guide shows it for the EMR service and Auto Scaling roles), but
 * no source says EC2 sets it when it fetches instance-profile credentials
 * ("Service role for cluster EC2 instances (EC2 instance profile)", EMR
 * Management Guide, and "Using an IAM role to grant permissions to
 * applications running on Amazon EC2 instances", IAM User Guide, show the
 * plain principal). A StringEquals on an absent key never matches, so the
 * nodes would get no credentials; who may attach the role is controlled
 * instead by iam:PassRole (only the EMR service role may pass it).
 */
export function ec2InstanceTrustPolicy(): string {
  return policyDocument([
    {
      Sid: 'TrustEc2',
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ]);
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
