import {
  ApprovedBundle,
  EnvironmentLiveStatus,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';
import {
  EnvironmentStatus,
  getEnvironmentStatus,
} from '@data-enclave/plugin-enclave-node';
import { AwsClientsFactory } from './awsClients';
import { StatusFetcher } from './StatusService';

/**
 * Live status via enclave-node's batched WorkSpaces/Directory/EMR calls. Each
 * desktop's bundle is checked against `approvedBundles` on every read (G12),
 * so a desktop moved onto another bundle shows as unapproved on the card.
 */
export function createAwsStatusFetcher(
  clientsFactory: AwsClientsFactory,
  approvedBundles: readonly ApprovedBundle[] = [],
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
      approvedBundles,
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
            ...(emr.clusterId ? { clusterId: emr.clusterId } : {}),
            state: emr.state ?? 'UNKNOWN',
            ...(emr.primaryDns ?? environment.outputs.emrPrimaryDns
              ? {
                  primaryDns:
                    emr.primaryDns ?? environment.outputs.emrPrimaryDns,
                }
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
      ...(d.bundle
        ? {
            bundle: {
              bundleId: d.bundle.bundleId,
              ...(d.bundle.name ? { name: d.bundle.name } : {}),
              approved: d.bundle.approved,
              ...(d.bundle.problem ? { problem: d.bundle.problem } : {}),
              ...(d.bundle.lockDown ? { lockDown: d.bundle.lockDown } : {}),
            },
          }
        : {}),
    })),
    ...(desktops.error
      ? { error: `WorkSpaces status unavailable: ${desktops.error}` }
      : {}),
  };
}
