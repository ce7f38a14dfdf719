/*
 * Day-2 "add people": new directory users and WorkSpaces for people who join
 * an environment, and the registry's view of who is in it. Safe to repeat:
 * provisionDesktops keeps existing users, passwords and desktops, so re-adding
 * someone only repairs what an earlier attempt left unfinished. No Terraform
 * run: people are not part of the stack.
 */
import type {
  DataEnclaveConfig,
  EnvironmentMember,
  EnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import type { EnclaveAwsClients } from '../aws/clients';
import type { ProvisionDesktopsTuning } from '../aws/provisionDesktops';
import { assignSamAccountNames } from '../aws/samAccountName';
import { EnclaveLogger } from '../aws/types';
import { provisionEnvironmentDesktops } from '../provision/environmentDesktops';
import { EnclaveInputError } from '../provision/provisionRequest';
import { requireApprovedBundle } from '../provision/bundleApproval';
import { storedSpec } from './environmentTerraform';

export interface NewEnvironmentUser {
  entityRef: string;
  /** Catalog entity name: the sAMAccountName is derived from it. */
  name: string;
  email?: string;
}

export interface AddEnvironmentUsersOptions {
  spec: Record<string, unknown>;
  members: readonly EnvironmentMember[];
  users: readonly NewEnvironmentUser[];
  config: DataEnclaveConfig;
  logger: EnclaveLogger;
  /** Apply mode: where the desktops go. Absent means plan mode (report only). */
  desktops?: {
    clients: EnclaveAwsClients;
    directoryId: string;
    kmsKeyArn: string;
    signal?: AbortSignal;
    tuning?: ProvisionDesktopsTuning;
  };
}

export interface MemberChange {
  spec: EnvironmentSpec;
  members: EnvironmentMember[];
  /** Entity refs whose change is done. */
  changed: string[];
  /** Entity refs that needed no change (already in / not a member). */
  unchanged: string[];
  failed: Array<{ entityRef: string; error: string }>;
}

export async function addEnvironmentUsers(
  options: AddEnvironmentUsersOptions,
): Promise<MemberChange> {
  const { config, logger, desktops } = options;
  const spec = storedSpec(options.spec, config);
  // G12 on day 2 as on day 1 (the same check provisioning runs): a desktop
  // is only created from a bundle the platform hardened. The approved list
  // may have changed since the environment was provisioned (a bundle
  // withdrawn), so it is checked now, before any AWS call.
  requireApprovedBundle(
    config,
    spec.workspaces.bundleName,
    message => new EnclaveInputError(message),
  );
  const names = assignSamAccountNames(options.users.map(u => u.name));
  const requested = options.users.map(u => ({
    ...u,
    username: names.get(u.name)!,
  }));
  for (const user of requested) {
    const clash = options.members.find(
      m =>
        m.username.toLowerCase() === user.username.toLowerCase() &&
        m.entityRef !== user.entityRef,
    );
    if (clash) {
      throw new EnclaveInputError(
        `${user.entityRef} would get the directory username ${user.username}, which ${clash.entityRef} already has; ask the platform team to rename one of the catalog users`,
      );
    }
  }
  const isMember = (ref: string) =>
    options.members.some(m => m.entityRef === ref && !m.error);
  const unchanged = requested
    .filter(u => isMember(u.entityRef))
    .map(u => u.entityRef);

  let results = new Map<string, Partial<EnvironmentMember>>();
  if (desktops) {
    // Everyone requested, members included: provisionDesktops skips what
    // exists and repairs what does not, which makes a re-run safe.
    const { desktops: created } = await provisionEnvironmentDesktops({
      spec,
      people: requested.map(u => ({ name: u.name, email: u.email })),
      kmsKeyArn: desktops.kmsKeyArn,
      directoryId: desktops.directoryId,
      clients: desktops.clients,
      logger,
      signal: desktops.signal,
      tuning: desktops.tuning,
    });
    results = new Map(
      created.map(d => [
        d.username,
        {
          workspaceId: d.workspaceId,
          state: d.state,
          error: d.error,
          secretName: d.secretName,
        },
      ]),
    );
  } else {
    for (const user of requested.filter(u => !isMember(u.entityRef))) {
      logger.info(
        `Plan mode: would create directory user ${user.username}${
          user.email ? ` (${user.email})` : ''
        }, store an initial password in secret enclave/${spec.name}/${
          user.username
        } and create a ${
          spec.workspaces.computeType ?? 'bundle default'
        } WorkSpace for ${user.entityRef}`,
      );
    }
  }

  const members = [...options.members];
  const failed: MemberChange['failed'] = [];
  for (const user of requested) {
    const result = results.get(user.username) ?? {};
    const member: EnvironmentMember = {
      ...members.find(m => m.entityRef === user.entityRef),
      entityRef: user.entityRef,
      username: user.username,
      email: user.email,
      ...Object.fromEntries(
        Object.entries(result).filter(([, v]) => v !== undefined),
      ),
    };
    if (!result.error) delete member.error;
    const index = members.findIndex(m => m.entityRef === user.entityRef);
    if (index >= 0) members[index] = member;
    else members.push(member);
    if (result.error)
      failed.push({ entityRef: user.entityRef, error: result.error });
  }
  const changed = requested
    .map(u => u.entityRef)
    .filter(
      ref => !unchanged.includes(ref) && !failed.some(f => f.entityRef === ref),
    );

  const users = [
    ...spec.users.filter(
      u => !requested.some(r => r.entityRef === u.entityRef),
    ),
    ...requested.map(u => ({
      username: u.username,
      email: u.email ?? '',
      entityRef: u.entityRef,
    })),
  ];
  return {
    spec: storedSpec({ ...spec, users }, config),
    members,
    changed,
    unchanged,
    failed,
  };
}
