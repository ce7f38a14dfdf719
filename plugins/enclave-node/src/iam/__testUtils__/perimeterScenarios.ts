/*
 * The data-perimeter scenario table: requests an attacker would try, and
 * requests the enclave needs, against the synthesized stack's endpoint, bucket
 * and key policies. perimeter.iamsim.test.ts judges each with iam-simulate.
 *
 * Modelling choices (worst case for the perimeter, so only it can say no):
 *  - an attacker principal's identity policy allows everything, and a foreign
 *    resource's policy admits the environment's account: the endpoint, bucket
 *    or key policy must be what denies;
 *  - request context is what AWS puts there ("AWS global condition context
 *    keys", IAM User Guide,
 *    https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 *    aws:PrincipalAccount / aws:PrincipalArn for signed requests,
 *    aws:ResourceAccount for the resource's owner, aws:SourceVpce when the
 *    request arrives through a VPC endpoint, aws:SecureTransport;
 *    kms:CallerAccount and kms:ViaService per the AWS KMS condition keys page
 *    (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html).
 *    For actions without a resource, aws:ResourceAccount is left out: the
 *    perimeter must not depend on AWS filling it in.
 *
 * Not expressible in the engine: AWS-owned ARNs without an account, such as
 * public SSM parameters (`arn:aws:ssm:<region>::parameter/aws/...`); the engine
 * rejects them ("no.resource.types"). The SSM read-only exception for them is
 * covered by the G3 rule tests instead.
 */
import type { PerimeterStack } from './perimeterStack';
import { DEPLOYER_ROLE_ARN } from './perimeterStack';

type Json = Record<string, any>;

export const FOREIGN_ACCOUNT = '999999999999';
/** Stand-in owner of AWS-owned resources (repository buckets, public parameters). */
export const AWS_OWNED_ACCOUNT = '444455556666';

export type Actor =
  | 'emrNode'
  | 'desktop'
  | 'deployer'
  | 'ownWorkload'
  | 'foreignWorkload'
  | 'anonymous';

/** What must stop an attack: the endpoint policy, a resource policy Deny, or a missing grant. */
export type Stopper = 'vpce' | 'resource' | 'missing grant';

export interface PerimeterScenario {
  name: string;
  expect: 'Allowed' | 'Denied';
  /** For attacks: which control must be the one that denies. */
  stoppedBy?: Stopper;
  actor: Actor;
  action: string;
  /** Resource ARN, or `*` for actions without a resource. */
  resource: string;
  resourceAccount: string;
  /** Endpoint the request passes through (short service name); absent: from outside the VPC. */
  via?: string;
  /** The resource's own policy. Default none. */
  resourcePolicy?: Json;
  /** Plain HTTP instead of TLS. */
  insecure?: boolean;
  /** Extra context keys. */
  context?: Record<string, string>;
}

const allowAccount = (account: string, action = '*'): Json => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AdmitsTheAccount',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: action,
      Resource: '*',
    },
  ],
});

/** A foreign resource whose owner lets the environment's account in (the exfiltration set-up). */
const foreignAdmitsUs = (s: PerimeterStack) => allowAccount(s.accountId);
/** A resource of ours whose policy was loosened to a foreign account (isolates the endpoint). */
const oursAdmitsForeign = () => allowAccount(FOREIGN_ACCOUNT);
/** Stand-in for AWS's own authorization of public resources (repository buckets, public parameters). */
const awsPublicRead = (action: string): Json => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AwsPublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: action,
      Resource: '*',
    },
  ],
});
/** Stand-in for a foreign bucket anyone may write to. */
const publicWrite: Json = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PublicWrite',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: '*',
    },
  ],
};

interface ServiceTargets {
  /** An own-account principal writes to another account's resource through the endpoint. */
  foreignWrite: { action: string; resource: string };
  /** A foreign principal uses the endpoint against a resource of ours (or none). */
  foreignCredentials: { action: string; resource: string; account: string };
}

/** One representative write and one representative call per endpoint that takes a policy. */
export function serviceTargets(
  s: PerimeterStack,
): Record<string, ServiceTargets> {
  const r = s.region;
  const own = s.accountId;
  const far = FOREIGN_ACCOUNT;
  return {
    s3: {
      foreignWrite: {
        action: 's3:PutObject',
        resource: `arn:aws:s3:::exfil-${far}/loot.csv`,
      },
      foreignCredentials: {
        action: 's3:GetObject',
        resource: `${s.bucketArn}/data/part-0000.parquet`,
        account: own,
      },
    },
    dynamodb: {
      foreignWrite: {
        action: 'dynamodb:PutItem',
        resource: `arn:aws:dynamodb:${r}:${far}:table/exfil`,
      },
      foreignCredentials: {
        action: 'dynamodb:GetItem',
        resource: `arn:aws:dynamodb:${r}:${own}:table/features`,
        account: own,
      },
    },
    sts: {
      foreignWrite: {
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${far}:role/exfil`,
      },
      foreignCredentials: {
        action: 'sts:AssumeRole',
        resource: s.emrInstanceRoleArn,
        account: own,
      },
    },
    kms: {
      foreignWrite: {
        action: 'kms:Encrypt',
        resource: `arn:aws:kms:${r}:${far}:key/11111111-2222-4333-8444-555555555555`,
      },
      foreignCredentials: {
        action: 'kms:Decrypt',
        resource: s.keyArn,
        account: own,
      },
    },
    secretsmanager: {
      foreignWrite: {
        action: 'secretsmanager:PutSecretValue',
        resource: `arn:aws:secretsmanager:${r}:${far}:secret:exfil-AbCdEf`,
      },
      foreignCredentials: {
        action: 'secretsmanager:GetSecretValue',
        resource: `arn:aws:secretsmanager:${r}:${own}:secret:enclave-analytics-directory-admin-AbCdEf`,
        account: own,
      },
    },
    logs: {
      foreignWrite: {
        action: 'logs:PutLogEvents',
        resource: `arn:aws:logs:${r}:${far}:log-group:exfil:log-stream:node-1`,
      },
      foreignCredentials: {
        action: 'logs:PutLogEvents',
        resource: `arn:aws:logs:${r}:${own}:log-group:enclave-emr:log-stream:node-1`,
        account: own,
      },
    },
    monitoring: {
      foreignWrite: {
        action: 'cloudwatch:PutDashboard',
        resource: `arn:aws:cloudwatch::${far}:dashboard/exfil`,
      },
      foreignCredentials: {
        action: 'cloudwatch:PutMetricData',
        resource: '*',
        account: far,
      },
    },
    ec2: {
      foreignWrite: {
        action: 'ec2:CreateTags',
        resource: `arn:aws:ec2:${r}:${far}:instance/i-0123456789abcdef0`,
      },
      foreignCredentials: {
        action: 'ec2:DescribeInstances',
        resource: '*',
        account: far,
      },
    },
    ssm: {
      foreignWrite: {
        action: 'ssm:PutParameter',
        resource: `arn:aws:ssm:${r}:${far}:parameter/exfil`,
      },
      foreignCredentials: {
        action: 'ssm:GetParameter',
        resource: `arn:aws:ssm:${r}:${own}:parameter/enclave/analytics/config`,
        account: own,
      },
    },
    elasticmapreduce: {
      foreignWrite: {
        action: 'elasticmapreduce:AddJobFlowSteps',
        resource: `arn:aws:elasticmapreduce:${r}:${far}:cluster/j-EXFIL0000001`,
      },
      foreignCredentials: {
        action: 'elasticmapreduce:DescribeCluster',
        resource: `arn:aws:elasticmapreduce:${r}:${own}:cluster/j-ENCLAVE00001`,
        account: own,
      },
    },
  };
}

/** Every scenario, attacks first. */
export function perimeterScenarios(s: PerimeterStack): PerimeterScenario[] {
  const r = s.region;
  const object = `${s.bucketArn}/data/part-0000.parquet`;
  const systemLog = `arn:aws:s3:::aws157-logs-prod-${r}/j-ENCLAVE00001/node/i-0aaaaaaaaaaaaaaa1/applications/spark/spark.log.gz`;
  const [emrRepo, al2023Repo] = [
    `arn:aws:s3:::repo.${r}.emr.amazonaws.com/emr-7.14.0/spark.rpm`,
    `arn:aws:s3:::al2023-repos-${r}-de612dc2/core/mirrors/latest/x86_64/repodata`,
  ];
  const services = Object.keys(s.endpointPolicies)
    .filter(service => s.endpointPolicies[service])
    .sort();
  const targets = serviceTargets(s);
  const missing = services.filter(service => !targets[service]);
  if (missing.length)
    throw new Error(`no attack targets for endpoint(s) ${missing.join(', ')}`);

  const attacks: PerimeterScenario[] = [
    ...services.map(
      (service): PerimeterScenario => ({
        name: `${service}: own credential writes to another account's resource (${targets[service].foreignWrite.action})`,
        expect: 'Denied',
        stoppedBy: 'vpce',
        actor: 'ownWorkload',
        ...targets[service].foreignWrite,
        resourceAccount: FOREIGN_ACCOUNT,
        via: service,
        resourcePolicy: foreignAdmitsUs(s),
      }),
    ),
    ...services.map(
      (service): PerimeterScenario => ({
        name: `${service}: foreign credentials on the endpoint (${targets[service].foreignCredentials.action})`,
        expect: 'Denied',
        stoppedBy: 'vpce',
        actor: 'foreignWorkload',
        action: targets[service].foreignCredentials.action,
        resource: targets[service].foreignCredentials.resource,
        resourceAccount: targets[service].foreignCredentials.account,
        via: service,
        resourcePolicy:
          targets[service].foreignCredentials.resource === '*'
            ? undefined
            : oursAdmitsForeign(),
      }),
    ),
    {
      name: 's3: unsigned PutObject to a public-write foreign bucket through the gateway',
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'anonymous',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::public-drop-${FOREIGN_ACCOUNT}/loot.csv`,
      resourceAccount: FOREIGN_ACCOUNT,
      via: 's3',
      resourcePolicy: publicWrite,
    },
    // The repository read is unsigned (no identity perimeter): it must not
    // open anything else to unsigned callers.
    {
      name: 's3: unsigned GetObject from a public-read foreign bucket through the gateway (tooling download)',
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'anonymous',
      action: 's3:GetObject',
      resource: `arn:aws:s3:::tools-${FOREIGN_ACCOUNT}/dnscat`,
      resourceAccount: FOREIGN_ACCOUNT,
      via: 's3',
      resourcePolicy: awsPublicRead('s3:GetObject'),
    },
    ...[emrRepo, al2023Repo].map(
      (resource): PerimeterScenario => ({
        name: `s3: unsigned PutObject to the AWS repository bucket ${resource
          .split('/')[0]
          .replace('arn:aws:s3:::', '')}`,
        expect: 'Denied',
        stoppedBy: 'vpce',
        actor: 'anonymous',
        action: 's3:PutObject',
        resource,
        resourceAccount: AWS_OWNED_ACCOUNT,
        via: 's3',
        resourcePolicy: publicWrite,
      }),
    ),
    {
      name: 's3: own credential downloads tooling from a foreign bucket',
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'ownWorkload',
      action: 's3:GetObject',
      resource: `arn:aws:s3:::tools-${FOREIGN_ACCOUNT}/dnscat`,
      resourceAccount: FOREIGN_ACCOUNT,
      via: 's3',
      resourcePolicy: foreignAdmitsUs(s),
    },
    ...[emrRepo, al2023Repo].map(
      (resource): PerimeterScenario => ({
        name: `s3: write to the AWS repository bucket ${resource
          .split('/')[0]
          .replace('arn:aws:s3:::', '')}`,
        expect: 'Denied',
        stoppedBy: 'vpce',
        actor: 'ownWorkload',
        action: 's3:PutObject',
        resource,
        resourceAccount: AWS_OWNED_ACCOUNT,
        via: 's3',
        resourcePolicy: allowAccount(s.accountId, 's3:PutObject'),
      }),
    ),
    // The account-wide perimeter's gap (adversarial review, finding 5): the
    // same account, another bucket. No resource policy is needed for that:
    // the identity policy of an own-account role is enough, so only the
    // endpoint policy can say no.
    {
      name: 'desktop copies a data bucket object to another own-account bucket through the endpoint (s3:PutObject)',
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'desktop',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::team-share-${s.accountId}/copied/part-0000.parquet`,
      resourceAccount: s.accountId,
      via: 's3',
    },
    {
      name: 'own workload writes job output to another own-account bucket through the endpoint',
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'ownWorkload',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::analytics-scratch-${s.accountId}/out/part-0000.parquet`,
      resourceAccount: s.accountId,
      via: 's3',
    },
    {
      name: 'desktop opens another own-account bucket to the world through the endpoint (s3:PutBucketPolicy)',
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'desktop',
      action: 's3:PutBucketPolicy',
      resource: `arn:aws:s3:::team-share-${s.accountId}`,
      resourceAccount: s.accountId,
      via: 's3',
    },
    {
      name: 'desktop lists another own-account bucket through the endpoint',
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'desktop',
      action: 's3:ListBucket',
      resource: `arn:aws:s3:::team-share-${s.accountId}`,
      resourceAccount: s.accountId,
      via: 's3',
    },
    // Logs stay in the environment's bucket (the launch spec's
    // log_type_upload_policy), so EMR's AWS-owned log buckets get no
    // exception: no own-account credential may write there (the EMR node role
    // has no grant for it either, so a worst-case role isolates the endpoint).
    ...(['ownWorkload', 'desktop'] as const).map(
      (actor): PerimeterScenario => ({
        name: `s3: ${actor} writes to EMR's AWS-owned system log bucket through the endpoint`,
        expect: 'Denied',
        stoppedBy: 'vpce',
        actor,
        action: 's3:PutObject',
        resource: systemLog,
        resourceAccount: AWS_OWNED_ACCOUNT,
        via: 's3',
        // Stand-in for AWS's own authorization of log pushes.
        resourcePolicy: awsPublicRead('s3:PutObject'),
      }),
    ),
    {
      name: "s3: desktop writes to EMR's AWS-owned persistent-UI bucket through the endpoint",
      expect: 'Denied',
      stoppedBy: 'vpce',
      actor: 'desktop',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::prod.${r}.appinfo.src/j-ENCLAVE00001/sparkhistory/application_1.inprogress`,
      resourceAccount: AWS_OWNED_ACCOUNT,
      via: 's3',
      resourcePolicy: awsPublicRead('s3:PutObject'),
    },
    {
      name: 'data bucket: own credential reads from outside the endpoint',
      expect: 'Denied',
      stoppedBy: 'resource',
      actor: 'ownWorkload',
      action: 's3:GetObject',
      resource: object,
      resourceAccount: s.accountId,
      resourcePolicy: s.bucketPolicy,
    },
    {
      name: 'data bucket: foreign account reads from its own network',
      expect: 'Denied',
      stoppedBy: 'missing grant',
      actor: 'foreignWorkload',
      action: 's3:GetObject',
      resource: object,
      resourceAccount: s.accountId,
      resourcePolicy: s.bucketPolicy,
    },
    {
      name: 'data bucket: EMR node reads over plain HTTP through the endpoint',
      expect: 'Denied',
      stoppedBy: 'resource',
      actor: 'emrNode',
      action: 's3:GetObject',
      resource: object,
      resourceAccount: s.accountId,
      via: 's3',
      resourcePolicy: s.bucketPolicy,
      insecure: true,
    },
    {
      name: 'data bucket: even the deployer cannot use plain HTTP',
      expect: 'Denied',
      stoppedBy: 'resource',
      actor: 'deployer',
      action: 's3:GetBucketPolicy',
      resource: s.bucketArn,
      resourceAccount: s.accountId,
      resourcePolicy: s.bucketPolicy,
      insecure: true,
    },
    {
      name: 'data bucket: own credential rewrites the bucket policy from outside the VPC',
      expect: 'Denied',
      stoppedBy: 'resource',
      actor: 'ownWorkload',
      action: 's3:PutBucketPolicy',
      resource: s.bucketArn,
      resourceAccount: s.accountId,
      resourcePolicy: s.bucketPolicy,
    },
    {
      name: 'data bucket: EMR node role rewrites the bucket policy through the endpoint',
      expect: 'Denied',
      stoppedBy: 'missing grant',
      actor: 'emrNode',
      action: 's3:PutBucketPolicy',
      resource: s.bucketArn,
      resourceAccount: s.accountId,
      via: 's3',
      resourcePolicy: s.bucketPolicy,
    },
    {
      name: 'key: foreign account decrypts via S3 from its own network',
      expect: 'Denied',
      stoppedBy: 'missing grant',
      actor: 'foreignWorkload',
      action: 'kms:Decrypt',
      resource: s.keyArn,
      resourceAccount: s.accountId,
      resourcePolicy: s.keyPolicy,
      context: {
        'kms:ViaService': `s3.${r}.amazonaws.com`,
        'kms:CallerAccount': FOREIGN_ACCOUNT,
      },
    },
    {
      name: 'key: foreign account re-encrypts data keys under the environment key',
      expect: 'Denied',
      stoppedBy: 'missing grant',
      actor: 'foreignWorkload',
      action: 'kms:ReEncryptTo',
      resource: s.keyArn,
      resourceAccount: s.accountId,
      resourcePolicy: s.keyPolicy,
      context: { 'kms:CallerAccount': FOREIGN_ACCOUNT },
    },
    {
      name: 'key: EMR node role schedules the key for deletion',
      expect: 'Denied',
      stoppedBy: 'missing grant',
      actor: 'emrNode',
      action: 'kms:ScheduleKeyDeletion',
      resource: s.keyArn,
      resourceAccount: s.accountId,
      via: 'kms',
      resourcePolicy: s.keyPolicy,
      context: { 'kms:CallerAccount': s.accountId },
    },
  ];

  const mustWork: PerimeterScenario[] = [
    ...(['s3:GetObject', 's3:PutObject'] as const).map(
      (action): PerimeterScenario => ({
        name: `EMR node ${action} on the data bucket through the endpoint`,
        expect: 'Allowed',
        actor: 'emrNode',
        action,
        resource: object,
        resourceAccount: s.accountId,
        via: 's3',
        resourcePolicy: s.bucketPolicy,
      }),
    ),
    ...(['s3:GetObject', 's3:PutObject'] as const).map(
      (action): PerimeterScenario => ({
        name: `desktop ${action} on the data bucket through the endpoint`,
        expect: 'Allowed',
        actor: 'desktop',
        action,
        resource: `${s.bucketArn}/users/alice/notebook-output.csv`,
        resourceAccount: s.accountId,
        via: 's3',
        resourcePolicy: s.bucketPolicy,
      }),
    ),
    {
      name: 'desktop lists the data bucket through the endpoint',
      expect: 'Allowed',
      actor: 'desktop',
      action: 's3:ListBucket',
      resource: s.bucketArn,
      resourceAccount: s.accountId,
      via: 's3',
      resourcePolicy: s.bucketPolicy,
    },
    {
      name: 'EMR node lists the data bucket through the endpoint',
      expect: 'Allowed',
      actor: 'emrNode',
      action: 's3:ListBucket',
      resource: s.bucketArn,
      resourceAccount: s.accountId,
      via: 's3',
      resourcePolicy: s.bucketPolicy,
    },
    ...[emrRepo, al2023Repo].map(
      (resource): PerimeterScenario => ({
        name: `EMR node reads the repository ${resource
          .split('/')[0]
          .replace('arn:aws:s3:::', '')} through the endpoint`,
        expect: 'Allowed',
        actor: 'emrNode',
        action: 's3:GetObject',
        resource,
        resourceAccount: AWS_OWNED_ACCOUNT,
        via: 's3',
        resourcePolicy: awsPublicRead('s3:GetObject'),
      }),
    ),
    // How dnf and EMR's bootstrap really fetch them: unsigned (aws-samples
    // data-perimeter-policy-examples vpc_endpoint_policies/README.md, "Amazon
    // EMR makes unauthenticated calls to Amazon S3"), so the request has no
    // aws:PrincipalAccount for an identity perimeter to match.
    ...[emrRepo, al2023Repo].map(
      (resource): PerimeterScenario => ({
        name: `unsigned read of the repository ${resource
          .split('/')[0]
          .replace(
            'arn:aws:s3:::',
            '',
          )} through the endpoint (dnf, EMR bootstrap)`,
        expect: 'Allowed',
        actor: 'anonymous',
        action: 's3:GetObject',
        resource,
        resourceAccount: AWS_OWNED_ACCOUNT,
        via: 's3',
        resourcePolicy: awsPublicRead('s3:GetObject'),
      }),
    ),
    {
      name: 'EMR node generates a data key with the environment key through the endpoint',
      expect: 'Allowed',
      actor: 'emrNode',
      action: 'kms:GenerateDataKey',
      resource: s.keyArn,
      resourceAccount: s.accountId,
      via: 'kms',
      resourcePolicy: s.keyPolicy,
      context: { 'kms:CallerAccount': s.accountId },
    },
    {
      name: 'EMR node describes its cluster through the EMR endpoint',
      expect: 'Allowed',
      actor: 'emrNode',
      action: 'elasticmapreduce:DescribeCluster',
      resource: `arn:aws:elasticmapreduce:${r}:${s.accountId}:cluster/j-ENCLAVE00001`,
      resourceAccount: s.accountId,
      via: 'elasticmapreduce',
    },
    ...(
      [
        's3:GetBucketPolicy',
        's3:PutBucketPolicy',
        's3:PutBucketVersioning',
      ] as const
    ).map(
      (action): PerimeterScenario => ({
        name: `deployer ${action} on the data bucket from outside the VPC (Terraform)`,
        expect: 'Allowed',
        actor: 'deployer',
        action,
        resource: s.bucketArn,
        resourceAccount: s.accountId,
        resourcePolicy: s.bucketPolicy,
      }),
    ),
    {
      name: 'own workload asks who it is through the STS endpoint',
      expect: 'Allowed',
      actor: 'ownWorkload',
      action: 'sts:GetCallerIdentity',
      resource: '*',
      resourceAccount: s.accountId,
      via: 'sts',
    },
    {
      name: 'own workload describes its instances through the EC2 endpoint',
      expect: 'Allowed',
      actor: 'ownWorkload',
      action: 'ec2:DescribeInstances',
      resource: '*',
      resourceAccount: s.accountId,
      via: 'ec2',
    },
    {
      name: 'own workload publishes metrics through the monitoring endpoint',
      expect: 'Allowed',
      actor: 'ownWorkload',
      action: 'cloudwatch:PutMetricData',
      resource: '*',
      resourceAccount: s.accountId,
      via: 'monitoring',
    },
    {
      name: 'own workload writes its own log stream through the logs endpoint',
      expect: 'Allowed',
      actor: 'ownWorkload',
      action: 'logs:PutLogEvents',
      resource: `arn:aws:logs:${r}:${s.accountId}:log-group:enclave-emr:log-stream:node-1`,
      resourceAccount: s.accountId,
      via: 'logs',
    },
    {
      name: 'own workload reads its own secret through the Secrets Manager endpoint',
      expect: 'Allowed',
      actor: 'ownWorkload',
      action: 'secretsmanager:GetSecretValue',
      resource: `arn:aws:secretsmanager:${r}:${s.accountId}:secret:enclave-analytics-directory-admin-AbCdEf`,
      resourceAccount: s.accountId,
      via: 'secretsmanager',
    },
    {
      name: 'own workload reads its own parameter through the SSM endpoint',
      expect: 'Allowed',
      actor: 'ownWorkload',
      action: 'ssm:GetParameter',
      resource: `arn:aws:ssm:${r}:${s.accountId}:parameter/enclave/analytics/config`,
      resourceAccount: s.accountId,
      via: 'ssm',
    },
  ];
  return [...attacks, ...mustWork];
}

/** Principal ARN (a role session), the role ARN behind it, and its identity policy. */
export function actorIdentity(
  s: PerimeterStack,
  actor: Exclude<Actor, 'anonymous'>,
  deployerPolicy: Json,
): { session: string; roleArn: string; account: string; policy: Json } {
  const everything: Json = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  };
  const session = (account: string, role: string, name: string) => ({
    session: `arn:aws:sts::${account}:assumed-role/${role}/${name}`,
    roleArn: `arn:aws:iam::${account}:role/${role}`,
    account,
  });
  const identities: Record<
    Exclude<Actor, 'anonymous'>,
    () => { session: string; roleArn: string; account: string; policy: Json }
  > = {
    emrNode: () => ({
      ...session(
        s.accountId,
        s.emrInstanceRoleArn.split('/').pop()!,
        'i-0aaaaaaaaaaaaaaa1',
      ),
      policy: s.emrInstanceRolePolicy,
    }),
    deployer: () => ({
      ...session(
        s.accountId,
        DEPLOYER_ROLE_ARN.split('/').pop()!,
        'data-enclave-analytics',
      ),
      policy: deployerPolicy,
    }),
    // Whatever role a person at a desktop holds: the platform's data-scientist
    // role, with every permission (worst case: only the perimeter limits it).
    desktop: () => ({
      ...session(s.accountId, 'enclave-data-scientist', 'alice'),
      policy: everything,
    }),
    // A compromised role of the environment's account with every permission.
    ownWorkload: () => ({
      ...session(s.accountId, 'compromised-workload', 'i-0bbbbbbbbbbbbbbb2'),
      policy: everything,
    }),
    foreignWorkload: () => ({
      ...session(FOREIGN_ACCOUNT, 'intruder', 'laptop'),
      policy: everything,
    }),
  };
  return identities[actor]();
}
