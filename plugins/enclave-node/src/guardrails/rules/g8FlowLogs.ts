/*
 * G8: every VPC has flow logs of ALL traffic, kept for a bounded time.
 *
 * Unknown and reference values:
 *  - a flow log belongs to a VPC when its `vpc_id` refers to it;
 *  - `traffic_type` must be literal "ALL";
 *  - the destination must refer to an aws_cloudwatch_log_group of this
 *    document (via `log_destination` or `log_group_name`) whose
 *    `retention_in_days` is a literal positive number, or, for S3, to a bucket
 *    of this document with a lifecycle expiration. A literal ARN of a log group
 *    elsewhere cannot be proven to retain anything and is a finding.
 */
import { bucketResources } from '../bucketModel';
import { describeState } from '../describe';
import type { TerraformResource } from '../terraformDocument';
import type { GuardrailRule, RuleContext, RuleFinding } from '../types';
import { asBlocks } from '../values';

function destinationProblem(
  ctx: RuleContext,
  flowLog: TerraformResource,
): string | undefined {
  const { doc } = ctx;
  const type = doc.attribute(flowLog, 'log_destination_type');
  // The provider's default destination type is CloudWatch Logs.
  let kind: string | undefined;
  if (type.kind === 'absent') kind = 'cloud-watch-logs';
  else if (type.kind === 'literal') kind = String(type.value);
  if (kind === 'cloud-watch-logs') {
    const group =
      doc.referencedResource(
        flowLog.values.log_destination,
        ['aws_cloudwatch_log_group'],
        flowLog,
      ) ??
      doc.referencedResource(
        flowLog.values.log_group_name,
        ['aws_cloudwatch_log_group'],
        flowLog,
      );
    if (!group)
      return 'its destination is not a CloudWatch log group of this stack';
    const retention = doc.attribute(group, 'retention_in_days');
    if (retention.kind === 'literal' && Number(retention.value) > 0)
      return undefined;
    return `log group ${group.address} has retention_in_days ${describeState(
      retention,
    )} (0 or unset keeps logs forever, unmanaged)`;
  }
  if (kind === 's3') {
    const bucket = doc.referencedResource(
      flowLog.values.log_destination,
      ['aws_s3_bucket'],
      flowLog,
    );
    if (!bucket) return 'its destination is not a bucket of this stack';
    const expires = bucketResources(
      doc,
      bucket,
      'aws_s3_bucket_lifecycle_configuration',
    ).some(l =>
      asBlocks(l.values.rule).some(rule =>
        asBlocks(rule.expiration).some(e => {
          const days = doc.resolve(e.days, l);
          return days.kind === 'literal' && Number(days.value) > 0;
        }),
      ),
    );
    return expires
      ? undefined
      : `bucket ${bucket.address} has no lifecycle expiration for the logs`;
  }
  return `log_destination_type ${describeState(
    type,
  )} is not cloud-watch-logs or s3`;
}

export const g8FlowLogs: GuardrailRule = {
  id: 'G8',
  title: 'VPC flow logs record all traffic',
  rationale:
    'Without a record of flows, an attempted exfiltration leaves no trace, so every VPC logs ALL traffic (accepted and rejected) to a log group with a set retention.',
  check(ctx) {
    const { doc } = ctx;
    const findings: RuleFinding[] = [];
    const flowLogs = doc.ofType('aws_flow_log');
    for (const vpc of doc.ofType('aws_vpc')) {
      const own = flowLogs.filter(
        f =>
          doc.referencedResource(f.values.vpc_id, ['aws_vpc'], f)?.address ===
          vpc.address,
      );
      if (own.length === 0) {
        findings.push({
          address: vpc.address,
          problem: 'the VPC has no flow log',
          fix: 'add aws_flow_log with vpc_id = this VPC, traffic_type = "ALL" and a log group with retention',
        });
        continue;
      }
      const sound = own.filter(f => {
        const traffic = doc.attribute(f, 'traffic_type');
        return (
          traffic.kind === 'literal' &&
          traffic.value === 'ALL' &&
          destinationProblem(ctx, f) === undefined
        );
      });
      if (sound.length > 0) continue;
      for (const flowLog of own) {
        const traffic = doc.attribute(flowLog, 'traffic_type');
        if (!(traffic.kind === 'literal' && traffic.value === 'ALL')) {
          findings.push({
            address: flowLog.address,
            problem: `traffic_type is ${describeState(
              traffic,
            )}; rejected or accepted flows would go unrecorded`,
            fix: 'set traffic_type = "ALL"',
          });
        }
        const problem = destinationProblem(ctx, flowLog);
        if (problem) {
          findings.push({
            address: flowLog.address,
            problem,
            fix: 'send flow logs to an aws_cloudwatch_log_group of the stack with retention_in_days set',
          });
        }
      }
    }
    return { findings, relaxations: [] };
  },
};
