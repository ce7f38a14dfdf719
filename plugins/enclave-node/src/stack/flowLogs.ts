/*
 * VPC flow logs (guardrail G8): ALL traffic (accepted and rejected; rejected
 * flows are the interesting ones in a no-egress network) to a KMS-encrypted
 * CloudWatch log group with finite retention. The delivery role can only write
 * to that one log group.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { policyDocument, serviceTrustPolicy } from './iamPolicy';
import {
  ConstructPropsError,
  requireAccountId,
  requireNonEmpty,
} from './assertProps';

/** Retention values CloudWatch Logs accepts (days). */
const VALID_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
  2192, 2557, 2922, 3288, 3653,
];

export interface EnclaveFlowLogsProps {
  namePrefix: string;
  accountId: string;
  vpcId: string;
  kmsKeyArn: string;
  /** Log retention in days (a CloudWatch-accepted value). Default 365: a year of audit trail. */
  retentionInDays?: number;
  /** Aggregation interval in seconds, 60 or 600. Default 60 for timely investigation. */
  maxAggregationInterval?: 60 | 600;
}

export class EnclaveFlowLogs extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly role: IamRole;
  readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: EnclaveFlowLogsProps) {
    super(scope, id);
    const name = 'EnclaveFlowLogs';
    requireNonEmpty(name, 'namePrefix', props.namePrefix);
    requireAccountId(name, 'accountId', props.accountId);
    requireNonEmpty(name, 'vpcId', props.vpcId);
    requireNonEmpty(name, 'kmsKeyArn', props.kmsKeyArn);
    const retentionInDays = props.retentionInDays ?? 365;
    if (!VALID_RETENTION_DAYS.includes(retentionInDays)) {
      throw new ConstructPropsError(
        name,
        'retentionInDays',
        `must be one of ${VALID_RETENTION_DAYS.join(
          ', ',
        )} (got ${retentionInDays})`,
      );
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: `/enclave/${props.namePrefix}/vpc-flow-logs`,
      retentionInDays,
      kmsKeyId: props.kmsKeyArn,
    });

    this.role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-flow-logs`,
      description: 'Delivers VPC flow logs to one log group',
      assumeRolePolicy: serviceTrustPolicy(
        'vpc-flow-logs.amazonaws.com',
        props.accountId,
      ),
    });
    new IamRolePolicy(this, 'role-policy', {
      name: 'write-flow-logs',
      role: this.role.id,
      policy: policyDocument([
        {
          Sid: 'WriteToEnclaveFlowLogGroup',
          Effect: 'Allow',
          Action: [
            'logs:CreateLogStream',
            'logs:PutLogEvents',
            'logs:DescribeLogStreams',
            'logs:DescribeLogGroups',
          ],
          Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
        },
      ]),
    });

    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: props.maxAggregationInterval ?? 60,
      tags: { Name: `${props.namePrefix}-flow-logs` },
    });
  }
}
