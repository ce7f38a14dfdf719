/*
 * The desktops of an environment's people: the one provisionDesktops call
 * that provisioning (its `desktops` phase) and `users:add` share, with the
 * bundle, compute type, AUTO_STOP timeout and tags taken from the spec.
 */
import {
  enclaveDefaultTags,
  type EnvironmentMember,
  type EnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import type { EnclaveAwsClients } from '../aws/clients';
import {
  provisionDesktops,
  ProvisionDesktopsResult,
  ProvisionDesktopsTuning,
} from '../aws/provisionDesktops';
import type { DesktopUser, EnclaveLogger } from '../aws/types';

/** A person from the catalog who gets a directory user and a WorkSpace. */
export interface EnvironmentPerson extends DesktopUser {
  /** User entity ref (`user:default/jane.doe`). */
  entityRef: string;
}

export interface EnvironmentDesktopsOptions {
  spec: EnvironmentSpec;
  people: readonly DesktopUser[];
  clients: EnclaveAwsClients;
  /** From the stack's outputs (directory_id, kms_key_arn). */
  directoryId: string;
  kmsKeyArn: string;
  /** The approved bundle's owner (G12): custom bundles are the account's. Default AMAZON. */
  bundleOwner?: string;
  logger: EnclaveLogger;
  signal?: AbortSignal;
  tuning?: ProvisionDesktopsTuning;
}

export function provisionEnvironmentDesktops(
  options: EnvironmentDesktopsOptions,
): Promise<ProvisionDesktopsResult> {
  const { spec } = options;
  return provisionDesktops({
    environment: spec.name,
    users: options.people.map(({ name, email, displayName }) => ({
      name,
      email,
      displayName,
    })),
    kmsKeyArn: options.kmsKeyArn,
    directoryId: options.directoryId,
    bundleName: spec.workspaces.bundleName,
    bundleOwner: options.bundleOwner,
    computeType: spec.workspaces.computeType,
    autoStopTimeoutMinutes: spec.workspaces.runningModeAutoStopTimeoutInMinutes,
    tags: enclaveDefaultTags(spec),
    clients: options.clients,
    logger: options.logger,
    signal: options.signal,
    // The spec has already refused PCOIP on Linux bundles (workspacesProtocols.ts).
    options: { ...options.tuning, protocol: spec.workspaces.protocol },
  });
}

/** The registry's members for the people of a provisioning run. */
export function membersFromDesktops(
  people: readonly EnvironmentPerson[],
  result: ProvisionDesktopsResult,
): EnvironmentMember[] {
  return result.desktops.map(desktop => {
    const person = people.find(
      p => p.name.toLowerCase() === desktop.user.toLowerCase(),
    );
    return {
      entityRef: person?.entityRef ?? desktop.user,
      username: desktop.username,
      email: person?.email,
      workspaceId: desktop.workspaceId,
      state: desktop.state,
      error: desktop.error,
      secretName: desktop.secretName,
    };
  });
}
