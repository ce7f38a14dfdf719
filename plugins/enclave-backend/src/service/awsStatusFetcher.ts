import {
  EnvironmentLiveStatus,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';
import {
  EnvironmentStatus,
  getEnvironmentStatus,
} from '@data-enclave/plugin-enclave-node';
import { AwsClientsFactory } from './awsClients';
import { StatusFetcher } from './StatusService';

/** Live status via enclave-node's batched WorkSpaces/Directory/EMR calls. */
export function createAwsStatusFetcher(
  clientsFactory: AwsClientsFactory,
): StatusFetcher {
  return async environment => {
    const clients = await clientsFactory(environment);
    const workspaceIds = environment.members
      .map(m => m.workspaceId)
      .filter((id): id is string => Boolean(id));
    const status = await getEnvironmentStatus({
      region: environment.region,
      directoryId: environment.outputs.directoryId!,
      emrClusterId: environment.outputs.emrClusterId,
      // Known desktops by id (batched); otherwise everything in the directory.
      workspaceIds: workspaceIds.length > 0 ? workspaceIds : undefined,
      clients,
    });
    return toLiveStatus(environment, status);
  };
}

export function toLiveStatus(
  environment: EnvironmentRecord,
  status: EnvironmentStatus,
): EnvironmentLiveStatus {
  const usernames = new Map(
    environment.members
      .filter(m => m.workspaceId)
      .map(m => [m.workspaceId!, m.username]),
  );
  const { directory, emr, desktops } = status;
  return {
    fetchedAt: status.checkedAt,
    planned: false,
    directory: {
      directoryId: directory.directoryId,
      stage: directory.stage ?? 'UNKNOWN',
      ...(directory.stageReason ? { stageReason: directory.stageReason } : {}),
      ...(directory.error ? { error: directory.error } : {}),
    },
    ...(emr
      ? {
          emr: {
            clusterId: emr.clusterId,
            state: emr.state ?? 'UNKNOWN',
            ...(environment.outputs.emrPrimaryDns
              ? { primaryDns: environment.outputs.emrPrimaryDns }
              : {}),
            ...(emr.stateReason ? { stateReason: emr.stateReason } : {}),
            ...(emr.error ? { error: emr.error } : {}),
          },
        }
      : {}),
    desktopCounts: desktops.counts,
    workspaces: desktops.items.map(d => ({
      username: d.userName ?? usernames.get(d.workspaceId) ?? '',
      workspaceId: d.workspaceId,
      state: d.state,
      ...(d.computeType ? { computeType: d.computeType } : {}),
      ...(d.runningMode ? { runningMode: d.runningMode } : {}),
      ...(d.ipAddress ? { ipAddress: d.ipAddress } : {}),
      ...(d.errorCode ? { errorCode: d.errorCode } : {}),
      ...(d.errorMessage ? { errorMessage: d.errorMessage } : {}),
    })),
    ...(desktops.error
      ? { error: `WorkSpaces status unavailable: ${desktops.error}` }
      : {}),
  };
}
