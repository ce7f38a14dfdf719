import type { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';

export interface ConsoleLink {
  title: string;
  url: string;
}

/**
 * Deep links into the AWS console for the environment's resources. Only for
 * resources that exist: a planned environment has none, so it gets no links.
 */
export function consoleLinks(environment: EnvironmentRecord): ConsoleLink[] {
  if (environment.state === 'planned') return [];
  const { region, outputs } = environment;
  const base = `https://${region}.console.aws.amazon.com`;
  const links: ConsoleLink[] = [];
  if (outputs.vpcId) {
    links.push({
      title: 'VPC',
      url: `${base}/vpcconsole/home?region=${region}#VpcDetails:VpcId=${outputs.vpcId}`,
    });
  }
  if (outputs.emrClusterId) {
    links.push({
      title: 'EMR cluster',
      url: `${base}/emr/home?region=${region}#/clusterDetails/${outputs.emrClusterId}`,
    });
  }
  if (outputs.directoryId) {
    links.push({
      title: 'Directory',
      url: `${base}/directoryservicev2/home?region=${region}#!/directories/${outputs.directoryId}`,
    });
    links.push({
      title: 'WorkSpaces',
      url: `${base}/workspaces/v2/workspaces?region=${region}`,
    });
  }
  if (outputs.dataBucketName) {
    links.push({
      title: 'Data bucket',
      url: `https://s3.console.aws.amazon.com/s3/buckets/${outputs.dataBucketName}?region=${region}`,
    });
  }
  if (outputs.flowLogGroup) {
    links.push({
      title: 'Flow logs',
      url: `${base}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${encodeURIComponent(
        outputs.flowLogGroup,
      )}`,
    });
  }
  return links;
}
