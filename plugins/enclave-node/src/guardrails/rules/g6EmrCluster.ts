/*
 * G6: EMR clusters are encrypted at rest, private, self-terminating and log to
 * an encrypted bucket of the stack.
 *
 * What is checked: every aws_emr_cluster, and every EMR launch spec (a
 * terraform_data whose input has kind EMR_LAUNCH_SPEC_KIND and the
 * aws_emr_cluster attribute shape, see stack/emrLaunchSpec.ts). The SDK
 * launches the on-demand cluster from exactly that spec, so checking the
 * spec at synth and plan is checking the cluster.
 *
 * Unknown and reference values:
 *  - `security_configuration` must refer to an aws_emr_security_configuration
 *    of this document (or equal its literal name); its JSON is read even while
 *    the key ARNs inside it are `${aws_kms_key.k.arn}` references, and those
 *    must refer to a key of this document;
 *  - the subnet must refer to an aws_subnet of this document; its route tables
 *    are followed and judged like G1 (an unknown subnet is a finding);
 *  - `idle_timeout` must be a literal positive number;
 *  - `log_uri` must be `s3://<bucket>/…` where the bucket is a bucket of this
 *    document (by reference or literal name) that passes the G4 encryption test;
 *  - `log_type_upload_policy` (RunJobFlow's
 *    MonitoringConfiguration.S3LoggingConfiguration.LogTypeUploadPolicy) must
 *    name, as literals, a policy for every log type that keeps it out of EMR's
 *    AWS-owned log buckets (awsFacts/emrLogUpload.ts): absent means EMR's
 *    `emr-managed` default, which pushes logs to AWS. An aws_emr_cluster
 *    cannot set it (hashicorp/aws 5.100.0 has no such argument), so it fails
 *    this check: launch the cluster from the launch spec instead.
 */
import {
  bucketEncryptionProblem,
  bucketOfS3Uri,
  isStackKmsKey,
} from '../bucketModel';
import { describeState } from '../describe';
import {
  collectRoutes,
  routeProblem,
  routeTablesForSubnet,
} from '../networkModel';
import type { EmrLogType } from '../../awsFacts';
import { EMR_LOG_UPLOAD_POLICIES_KEEPING_LOGS_IN_ACCOUNT } from '../../awsFacts';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';
import { emrClustersOf } from '../emrModel';
import { JsonObject, asBlocks, asList, getPath, isObject } from '../values';

function securityConfigurationFor(
  ctx: RuleContext,
  cluster: TerraformResource,
): TerraformResource | undefined {
  const { doc } = ctx;
  const raw = cluster.values.security_configuration;
  const byRef = doc.referencedResource(
    raw,
    ['aws_emr_security_configuration'],
    cluster,
  );
  if (byRef) return byRef;
  const state = doc.resolve(raw, cluster);
  if (state.kind !== 'literal') return undefined;
  return doc.ofType('aws_emr_security_configuration').find(c => {
    const name = doc.attribute(c, 'name');
    return name.kind === 'literal' && name.value === state.value;
  });
}

function encryptionProblems(
  ctx: RuleContext,
  config: TerraformResource,
): string[] {
  const { doc } = ctx;
  const state = doc.resolve(config.values.configuration, config);
  let text: unknown;
  if (state.kind === 'literal') text = state.value;
  else if (state.kind === 'expression') text = state.expression;
  let json: unknown = text;
  if (typeof text === 'string') {
    try {
      json = JSON.parse(text);
    } catch {
      return [
        `its configuration ${describeState(
          state,
        )} is not a readable JSON document`,
      ];
    }
  }
  if (!isObject(json))
    return [
      `its configuration ${describeState(
        state,
      )} is not a readable JSON document`,
    ];
  const encryption = getPath(json, ['EncryptionConfiguration']);
  const problems: string[] = [];
  if (getPath(encryption, ['EnableAtRestEncryption']) !== true) {
    problems.push('at-rest encryption is not enabled');
    return problems;
  }
  const atRest = getPath(encryption, ['AtRestEncryptionConfiguration']) as
    | JsonObject
    | undefined;
  const s3 = getPath(atRest, ['S3EncryptionConfiguration']);
  const s3Mode = getPath(s3, ['EncryptionMode']);
  if (s3Mode !== 'SSE-KMS' && s3Mode !== 'CSE-KMS') {
    problems.push(
      `S3 (EMRFS) encryption mode is ${JSON.stringify(
        s3Mode ?? null,
      )}, not SSE-KMS`,
    );
  } else if (!isStackKmsKey(doc, getPath(s3, ['AwsKmsKey']), config)) {
    problems.push('S3 (EMRFS) encryption does not use the environment KMS key');
  }
  const disk = getPath(atRest, ['LocalDiskEncryptionConfiguration']);
  if (getPath(disk, ['EncryptionKeyProviderType']) !== 'AwsKms') {
    problems.push('local disk encryption does not use AWS KMS');
  } else if (!isStackKmsKey(doc, getPath(disk, ['AwsKmsKey']), config)) {
    problems.push('local disk encryption does not use the environment KMS key');
  }
  return problems;
}

function subnetProblems(
  ctx: RuleContext,
  cluster: TerraformResource,
): string[] {
  const { doc } = ctx;
  const attributes = asBlocks(cluster.values.ec2_attributes)[0];
  const raws = [
    ...asList(attributes?.subnet_id),
    ...asList(attributes?.subnet_ids),
  ];
  if (raws.length === 0)
    return [
      'it names no subnet, so EMR would pick one (possibly the default VPC)',
    ];
  const routes = collectRoutes(doc);
  const problems: string[] = [];
  for (const raw of raws) {
    const subnet = doc.referencedResource(raw, ['aws_subnet'], cluster);
    if (!subnet) {
      problems.push(
        `its subnet ${describeState(
          doc.resolve(raw, cluster),
        )} is not a subnet of this stack`,
      );
      continue;
    }
    const publicIp = doc.attribute(subnet, 'map_public_ip_on_launch');
    if (
      !(
        publicIp.kind === 'absent' ||
        (publicIp.kind === 'literal' && publicIp.value === false)
      )
    ) {
      problems.push(`its subnet ${subnet.address} assigns public IPs`);
    }
    const tables = routeTablesForSubnet(doc, subnet);
    for (const route of routes.filter(
      r => r.table && tables.includes(r.table),
    )) {
      const problem = routeProblem(doc, route);
      if (problem)
        problems.push(
          `its subnet ${subnet.address} is public: a route in ${route.table} ${problem}`,
        );
    }
  }
  return problems;
}

/** Log types whose upload policy would let EMR push them to an AWS-owned bucket. */
function logUploadProblems(
  ctx: RuleContext,
  cluster: TerraformResource,
): string[] {
  if (cluster.type === 'aws_emr_cluster') {
    return [
      'an aws_emr_cluster cannot set S3LoggingConfiguration.LogTypeUploadPolicy (no such argument in hashicorp/aws 5.100.0), so EMR keeps system and persistent-UI logs in its AWS-owned buckets',
    ];
  }
  const problems: string[] = [];
  for (const [type, allowed] of Object.entries(
    EMR_LOG_UPLOAD_POLICIES_KEEPING_LOGS_IN_ACCOUNT,
  ) as [EmrLogType, readonly string[]][]) {
    const state = ctx.doc.attribute(cluster, `log_type_upload_policy.${type}`);
    if (
      !(
        state.kind === 'literal' &&
        typeof state.value === 'string' &&
        allowed.includes(state.value)
      )
    ) {
      problems.push(
        `log_type_upload_policy.${type} is ${describeState(state)}${
          state.kind === 'absent' ? " (EMR's default emr-managed)" : ''
        }, so EMR may push ${type} to an AWS-owned bucket outside the environment`,
      );
    }
  }
  return problems;
}

export const g6EmrCluster: GuardrailRule = {
  id: 'G6',
  title: 'EMR is encrypted, private and self-terminating',
  rationale:
    'The Spark cluster processes the data, so its disks and S3 writes are encrypted with the environment key, it runs only in a private subnet, stops when idle, and logs only to the encrypted bucket (no log upload to AWS-owned buckets).',
  check(ctx) {
    const { doc } = ctx;
    const findings: RuleFinding[] = [];
    for (const cluster of emrClustersOf(doc)) {
      const add = (problem: string, fix: string) =>
        findings.push({ address: cluster.address, problem, fix });

      const config = securityConfigurationFor(ctx, cluster);
      if (!config) {
        add(
          `its security_configuration ${describeState(
            doc.attribute(cluster, 'security_configuration'),
          )} is not a security configuration of this stack`,
          'attach an aws_emr_security_configuration with at-rest encryption (S3 SSE-KMS and local disk KMS)',
        );
      } else {
        for (const problem of encryptionProblems(ctx, config)) {
          findings.push({
            address: config.address,
            problem: `${problem} (used by ${cluster.address})`,
            fix: 'enable at-rest encryption: S3EncryptionConfiguration SSE-KMS and LocalDiskEncryptionConfiguration AwsKms, both with the environment key',
          });
        }
      }

      for (const problem of subnetProblems(ctx, cluster)) {
        add(problem, 'run the cluster in a private subnet of the enclave VPC');
      }

      const idle = doc.attribute(
        cluster,
        'auto_termination_policy.idle_timeout',
      );
      if (!(idle.kind === 'literal' && Number(idle.value) > 0)) {
        add(
          `auto_termination_policy.idle_timeout is ${describeState(idle)}`,
          'add auto_termination_policy { idle_timeout = <seconds> } so an idle cluster terminates',
        );
      }

      const logUri = cluster.values.log_uri;
      const bucket = bucketOfS3Uri(doc, logUri, cluster);
      if (!bucket) {
        add(
          `log_uri ${describeState(
            doc.resolve(logUri, cluster),
          )} is not a bucket of this stack`,
          'set log_uri = "s3://<data bucket>/emr-logs/"',
        );
      } else {
        const problem = bucketEncryptionProblem(doc, bucket);
        if (problem)
          add(
            `its log bucket ${bucket.address} is not encrypted with the environment key: ${problem}`,
            'log to the encrypted data bucket',
          );
      }

      for (const problem of logUploadProblems(ctx, cluster)) {
        add(
          problem,
          `set log_type_upload_policy to ${JSON.stringify(
            Object.fromEntries(
              Object.entries(
                EMR_LOG_UPLOAD_POLICIES_KEEPING_LOGS_IN_ACCOUNT,
              ).map(([type, allowed]) => [type, allowed[0]]),
            ),
          )} in the EMR launch spec (stack/emrCluster.ts does this from awsFacts/emrLogUpload.ts)`,
        );
      }
    }
    return { findings, relaxations: [] };
  },
};
