import {
  DescribeDirectoriesCommand,
  DirectoryServiceClient,
} from '@aws-sdk/client-directory-service';
import { DescribeClusterCommand, EMRClient } from '@aws-sdk/client-emr';
import {
  DescribeWorkspacesCommand,
  Workspace,
  WorkSpacesClient,
} from '@aws-sdk/client-workspaces';
import pLimit from 'p-limit';
import { WORKSPACES_BATCH_SIZE, chunk } from './batches';
import { listWorkspacesByDirectory } from './createWorkspaces';
import type { ApprovedBundle } from '@data-enclave/plugin-enclave-common';
import { DesktopBundleVerdict, checkDesktopBundles } from './desktopBundles';
import type { EmrLaunchSpec } from '../stack/emrLaunchSpec';
import { describeError } from './awsErrors';
import { sparkClusterIdentity, sparkClusterStatus } from './sparkCluster';

/**
 * Live status for the Enclave card. The result is plain JSON (dates as ISO
 * strings, no SDK types) so it can move to enclave-common unchanged and be
 * served by the status API as is.
 *
 * Each section fails on its own (`error`) so one unreachable service does not
 * blank the whole card. Calls are batched: DescribeWorkspaces with ≤ 25 ids a
 * call (or one paginated listing by directory), one DescribeDirectories and one
 * DescribeCluster, all in parallel: never one call per desktop.
 */
export interface DesktopStatus {
  workspaceId: string;
  /** `NOT_FOUND` when an id we expected no longer exists. */
  state: string;
  userName?: string;
  computeType?: string;
  runningMode?: string;
  autoStopTimeoutMinutes?: number;
  ipAddress?: string;
  errorCode?: string;
  errorMessage?: string;
  /** The bundle the desktop runs on (`Workspace.BundleId`). */
  bundleId?: string;
  /** G12, checked on every read when approvedBundles is given. */
  bundle?: DesktopBundleVerdict;
}

export interface EnvironmentStatus {
  region: string;
  /** ISO timestamp of this snapshot. */
  checkedAt: string;
  directory: {
    directoryId: string;
    stage?: string;
    stageReason?: string;
    name?: string;
    error?: string;
  };
  emr?: {
    /** Absent when no cluster is running (state `NONE`): it is started on demand. */
    clusterId?: string;
    state?: string;
    primaryDns?: string;
    stateReason?: string;
    error?: string;
  };
  desktops: {
    items: DesktopStatus[];
    /** Count per state, e.g. { AVAILABLE: 7, PENDING: 5 }. */
    counts: Record<string, number>;
    error?: string;
  };
}

export interface EnvironmentStatusInput {
  region: string;
  directoryId: string;
  emrClusterId?: string;
  /**
   * The stack's `emr_launch_spec` output: the on-demand cluster is found by
   * it (sparkClusterStatus). Takes precedence over emrClusterId.
   */
  emrLaunchSpec?: EmrLaunchSpec;
  /** When given, exactly these desktops (missing ones show as NOT_FOUND); else all in the directory. */
  workspaceIds?: readonly string[];
  /**
   * `dataEnclave.workspaces.approvedBundles`: when given, each desktop's bundle
   * is checked against it (one DescribeWorkspaceBundles per ≤ 25 bundle ids).
   */
  approvedBundles?: readonly ApprovedBundle[];
  clients: {
    workspaces: WorkSpacesClient;
    directoryService: DirectoryServiceClient;
    emr: EMRClient;
  };
  signal?: AbortSignal;
  /** Injected for deterministic tests. */
  now?: () => Date;
}

function toDesktopStatus(ws: Workspace): DesktopStatus {
  const props = ws.WorkspaceProperties;
  const status: DesktopStatus = {
    workspaceId: ws.WorkspaceId!,
    state: ws.State ?? 'UNKNOWN',
  };
  if (ws.UserName) status.userName = ws.UserName;
  if (props?.ComputeTypeName) status.computeType = props.ComputeTypeName;
  if (props?.RunningMode) status.runningMode = props.RunningMode;
  if (props?.RunningModeAutoStopTimeoutInMinutes !== undefined) {
    status.autoStopTimeoutMinutes = props.RunningModeAutoStopTimeoutInMinutes;
  }
  if (ws.IpAddress) status.ipAddress = ws.IpAddress;
  if (ws.ErrorCode) status.errorCode = ws.ErrorCode;
  if (ws.ErrorMessage) status.errorMessage = ws.ErrorMessage;
  if (ws.BundleId) status.bundleId = ws.BundleId;
  return status;
}

async function desktopsStatus(
  input: EnvironmentStatusInput,
): Promise<EnvironmentStatus['desktops']> {
  const { workspaces } = input.clients;
  try {
    let found: Workspace[];
    if (input.workspaceIds) {
      const limit = pLimit(4);
      const pages = await Promise.all(
        chunk([...new Set(input.workspaceIds)], WORKSPACES_BATCH_SIZE).map(
          ids =>
            limit(() =>
              workspaces.send(
                new DescribeWorkspacesCommand({ WorkspaceIds: ids }),
                {
                  abortSignal: input.signal,
                },
              ),
            ),
        ),
      );
      found = pages.flatMap(p => p.Workspaces ?? []);
    } else {
      found = await listWorkspacesByDirectory({
        client: workspaces,
        directoryId: input.directoryId,
        signal: input.signal,
      });
    }
    const items = found.filter(ws => ws.WorkspaceId).map(toDesktopStatus);
    if (input.workspaceIds) {
      const seen = new Set(items.map(i => i.workspaceId));
      for (const id of new Set(input.workspaceIds)) {
        if (!seen.has(id)) items.push({ workspaceId: id, state: 'NOT_FOUND' });
      }
    }
    items.sort(
      (a, b) =>
        (a.userName ?? '').localeCompare(b.userName ?? '') ||
        a.workspaceId.localeCompare(b.workspaceId),
    );
    if (input.approvedBundles) {
      const verdicts = await checkDesktopBundles({
        client: workspaces,
        bundleIds: items.flatMap(i => (i.bundleId ? [i.bundleId] : [])),
        approvedBundles: input.approvedBundles,
        signal: input.signal,
      });
      for (const item of items) {
        const verdict = item.bundleId ? verdicts.get(item.bundleId) : undefined;
        if (verdict) item.bundle = verdict;
      }
    }
    const counts: Record<string, number> = {};
    for (const item of items)
      counts[item.state] = (counts[item.state] ?? 0) + 1;
    return { items, counts };
  } catch (error) {
    return { items: [], counts: {}, error: describeError(error) };
  }
}

async function directoryStatus(
  input: EnvironmentStatusInput,
): Promise<EnvironmentStatus['directory']> {
  const base = { directoryId: input.directoryId };
  try {
    const out = await input.clients.directoryService.send(
      new DescribeDirectoriesCommand({ DirectoryIds: [input.directoryId] }),
      { abortSignal: input.signal },
    );
    const dir = out.DirectoryDescriptions?.[0];
    if (!dir) return { ...base, error: 'Directory not found' };
    return {
      ...base,
      ...(dir.Stage ? { stage: dir.Stage } : {}),
      ...(dir.StageReason ? { stageReason: dir.StageReason } : {}),
      ...(dir.Name ? { name: dir.Name } : {}),
    };
  } catch (error) {
    return { ...base, error: describeError(error) };
  }
}

async function emrStatus(
  input: EnvironmentStatusInput,
  clusterId: string,
): Promise<NonNullable<EnvironmentStatus['emr']>> {
  try {
    const out = await input.clients.emr.send(
      new DescribeClusterCommand({ ClusterId: clusterId }),
      { abortSignal: input.signal },
    );
    const status = out.Cluster?.Status;
    const reason = status?.StateChangeReason;
    const stateReason = [reason?.Code, reason?.Message]
      .filter(Boolean)
      .join(': ');
    return {
      clusterId,
      ...(status?.State ? { state: status.State } : {}),
      ...(stateReason ? { stateReason } : {}),
    };
  } catch (error) {
    return { clusterId, error: describeError(error) };
  }
}

async function sparkStatus(
  input: EnvironmentStatusInput,
  spec: EmrLaunchSpec,
): Promise<NonNullable<EnvironmentStatus['emr']>> {
  try {
    return await sparkClusterStatus({
      client: input.clients.emr,
      identity: sparkClusterIdentity(spec),
      signal: input.signal,
    });
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** The on-demand cluster by its launch spec, else a recorded cluster id. */
function clusterStatus(
  input: EnvironmentStatusInput,
): Promise<EnvironmentStatus['emr'] | undefined> {
  if (input.emrLaunchSpec) return sparkStatus(input, input.emrLaunchSpec);
  if (input.emrClusterId) return emrStatus(input, input.emrClusterId);
  return Promise.resolve(undefined);
}

export async function getEnvironmentStatus(
  input: EnvironmentStatusInput,
): Promise<EnvironmentStatus> {
  const [directory, emr, desktops] = await Promise.all([
    directoryStatus(input),
    clusterStatus(input),
    desktopsStatus(input),
  ]);
  return {
    region: input.region,
    checkedAt: (input.now?.() ?? new Date()).toISOString(),
    directory,
    ...(emr ? { emr } : {}),
    desktops,
  };
}
