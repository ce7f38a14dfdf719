/*
 * Day-2 "remove people": their WorkSpaces are terminated (and waited for),
 * then their directory user and password secret are deleted, and only then
 * do they leave the registry, so a failed run leaves them listed and a re-run
 * finishes the job. Already-gone desktops, users and secrets count as done.
 * No Terraform run: people are not part of the stack.
 */
import type {
  DataEnclaveConfig,
  EnvironmentMember,
} from '@data-enclave/plugin-enclave-common';
import type { EnclaveAwsClients } from '../aws/clients';
import { listWorkspacesByDirectory } from '../aws/createWorkspaces';
import { deleteUsersAndSecrets, terminateWorkspaces } from '../aws/teardown';
import { Timing } from '../aws/timing';
import { EnclaveLogger } from '../aws/types';
import { userSecretName } from '../aws/userSecrets';
import type { MemberChange } from './addEnvironmentUsers';
import { storedSpec } from './environmentTerraform';

export interface RemoveEnvironmentUsersOptions {
  spec: Record<string, unknown>;
  members: readonly EnvironmentMember[];
  /** User entity refs to remove. */
  userRefs: readonly string[];
  config: DataEnclaveConfig;
  logger: EnclaveLogger;
  /** Apply mode: the directory to clean up. Absent means plan mode (report only). */
  desktops?: {
    clients: EnclaveAwsClients;
    directoryId: string;
    signal?: AbortSignal;
    timing?: Timing;
    /** WorkSpaces termination wait (defaults 15 s / 60 s). */
    minDelayMs?: number;
    maxDelayMs?: number;
  };
}

export async function removeEnvironmentUsers(
  options: RemoveEnvironmentUsersOptions,
): Promise<MemberChange> {
  const { config, logger, desktops } = options;
  const spec = storedSpec(options.spec, config);
  const leaving = options.members.filter(m =>
    options.userRefs.includes(m.entityRef),
  );
  const unchanged = options.userRefs.filter(
    ref => !leaving.some(m => m.entityRef === ref),
  );
  for (const ref of unchanged) {
    logger.info(`${ref} is not a member of ${spec.name}: nothing to remove`);
  }

  const failed: MemberChange['failed'] = [];
  if (desktops && leaving.length) {
    const { clients, directoryId, signal, timing } = desktops;
    const usernames = new Set(leaving.map(m => m.username.toLowerCase()));
    // Listed from AWS, not taken from the registry: a desktop created by an
    // interrupted run may not have been recorded.
    const workspaces = (
      await listWorkspacesByDirectory({
        client: clients.workspaces,
        directoryId,
        signal,
        timing,
      })
    ).filter(
      ws =>
        ws.WorkspaceId &&
        ws.State !== 'TERMINATED' &&
        usernames.has((ws.UserName ?? '').toLowerCase()),
    );
    const terminated = await terminateWorkspaces({
      client: clients.workspaces,
      workspaceIds: workspaces.map(ws => ws.WorkspaceId!),
      logger,
      signal,
      timing,
      minDelayMs: desktops.minDelayMs,
      maxDelayMs: desktops.maxDelayMs,
    });
    const ownerOf = (workspaceId: string) => {
      const userName = workspaces
        .find(ws => ws.WorkspaceId === workspaceId)
        ?.UserName?.toLowerCase();
      return leaving.find(m => m.username.toLowerCase() === userName);
    };
    for (const f of terminated.failed) {
      const member = ownerOf(f.workspaceId);
      if (member) failed.push({ entityRef: member.entityRef, error: f.error });
    }
    // Someone whose desktop is still there keeps their account for now.
    const deletable = leaving.filter(
      m => !failed.some(f => f.entityRef === m.entityRef),
    );
    const deleted = await deleteUsersAndSecrets({
      directoryId,
      usernames: deletable.map(m => m.username),
      directoryData: clients.directoryData,
      secretsManager: clients.secretsManager,
      environment: spec.name,
      logger,
      signal,
      timing,
    });
    for (const outcome of deleted.filter(d => d.error)) {
      const member = deletable.find(m => m.username === outcome.username)!;
      failed.push({ entityRef: member.entityRef, error: outcome.error! });
    }
  } else {
    for (const member of leaving) {
      logger.info(
        `Plan mode: would terminate ${
          member.workspaceId ?? 'the WorkSpace'
        } of ${member.entityRef}, delete directory user ${
          member.username
        } and secret ${userSecretName(spec.name, member.username)}`,
      );
    }
  }

  const removed = leaving
    .map(m => m.entityRef)
    .filter(ref => !failed.some(f => f.entityRef === ref));
  return {
    spec: storedSpec(
      {
        ...spec,
        users: spec.users.filter(u => !removed.includes(u.entityRef)),
      },
      config,
    ),
    members: options.members.filter(m => !removed.includes(m.entityRef)),
    changed: removed,
    unchanged,
    failed,
  };
}
