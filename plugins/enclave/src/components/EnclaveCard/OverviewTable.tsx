import { StructuredMetadataTable } from '@backstage/core-components';
import type {
  EnvironmentLiveStatus,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';

import { StackVersion } from './StackVersion';

const NOT_YET = '—';

/** Where the environment lives and the ids people ask the platform team about. */
export function OverviewTable(props: {
  environment: EnvironmentRecord;
  status?: EnvironmentLiveStatus;
  entityRef?: string;
}) {
  const { environment, status, entityRef } = props;
  const { outputs } = environment;
  const directory = environment.spec.directory as
    | { domainName?: string }
    | undefined;
  const emrState = status?.emr?.state;
  const metadata: Record<string, string | JSX.Element> = {
    Region: environment.region,
    Account: environment.accountId,
    'Stack version': (
      <StackVersion version={environment.stackVersion} entityRef={entityRef} />
    ),
    VPC: outputs.vpcId ?? NOT_YET,
    Subnets: outputs.subnetIds?.join(', ') || NOT_YET,
    'EMR cluster': outputs.emrClusterId
      ? `${outputs.emrClusterId}${emrState ? ` (${emrState})` : ''}`
      : NOT_YET,
    'EMR primary DNS':
      status?.emr?.primaryDns ?? outputs.emrPrimaryDns ?? NOT_YET,
    Directory:
      [directory?.domainName, outputs.directoryId, status?.directory?.stage]
        .filter(Boolean)
        .join(' · ') || NOT_YET,
    'Data bucket': outputs.dataBucketName ?? NOT_YET,
  };
  return (
    <StructuredMetadataTable
      dense
      metadata={metadata}
      options={{ titleFormat: (key: string) => key }}
    />
  );
}
