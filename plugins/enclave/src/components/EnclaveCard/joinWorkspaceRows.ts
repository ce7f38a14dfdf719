import type {
  DesktopBundleStatus,
  EnvironmentLiveStatus,
  EnvironmentRecord,
} from '@data-enclave/plugin-enclave-common';

export interface WorkspaceRow {
  entityRef: string;
  username: string;
  state: string;
  computeType?: string;
  runningMode?: string;
  /** When `state` was observed: live status time, or the record's last update. */
  lastKnown: string;
  live: boolean;
  credentialDelivered: boolean;
  isMe: boolean;
  /** G12 verdict on the desktop's bundle (live status only). */
  bundle?: DesktopBundleStatus;
  /** The bundle the environment asked for (spec.workspaces.bundleName). */
  requestedBundleName?: string;
}

/**
 * One row per member: the registry says who should have a desktop, the live
 * status says what AWS reports now. Members without live data keep the state
 * recorded at provisioning, marked as not live.
 */
export function joinWorkspaceRows(
  environment: EnvironmentRecord,
  status: EnvironmentLiveStatus | undefined,
  me: string | undefined,
): WorkspaceRow[] {
  const spec = environment.spec.workspaces as
    | { computeType?: string; runningMode?: string; bundleName?: string }
    | undefined;
  return environment.members.map(member => {
    const live = status?.workspaces.find(
      w => w.username.toLowerCase() === member.username.toLowerCase(),
    );
    return {
      entityRef: member.entityRef,
      username: member.username,
      state:
        live?.state ??
        member.state ??
        (environment.state === 'planned' ? 'PLANNED' : 'PENDING'),
      computeType: live?.computeType ?? spec?.computeType,
      runningMode: live?.runningMode ?? spec?.runningMode ?? 'AUTO_STOP',
      lastKnown: live && status ? status.fetchedAt : environment.updatedAt,
      live: Boolean(live),
      credentialDelivered: Boolean(member.credentialDeliveredAt),
      isMe: me !== undefined && member.entityRef === me,
      ...(live?.bundle ? { bundle: live.bundle } : {}),
      ...(spec?.bundleName ? { requestedBundleName: spec.bundleName } : {}),
    };
  });
}
