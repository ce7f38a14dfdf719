/*
 * G12 at the door: the bundle a request asks for must be one the platform
 * hardened (`dataEnclave.workspaces.approvedBundles`). Runs inside
 * buildEnvironmentSpec, so a refused bundle never reaches terraform or AWS.
 * Plan mode with no approved bundles at all is let through: the guardrail
 * report then shows "session lock-down: not configured", labelled as allowed
 * in plan mode only; apply mode refuses the same request here.
 */
import {
  ApprovedBundle,
  DataEnclaveConfig,
  findApprovedBundle,
  unapprovedBundleMessage,
} from '@data-enclave/plugin-enclave-common';

/**
 * The approved entry for `bundleName`, or undefined in plan mode when none is
 * configured. Throws the message naming `approvedBundles` otherwise.
 */
export function requireApprovedBundle(
  config: Pick<DataEnclaveConfig, 'mode' | 'workspaces'>,
  bundleName: string,
  fail: (message: string) => Error,
): ApprovedBundle | undefined {
  const approved = config.workspaces.approvedBundles;
  if (approved.length === 0 && config.mode === 'plan') return undefined;
  const match = findApprovedBundle(approved, bundleName);
  if (!match) throw fail(unapprovedBundleMessage(bundleName, approved));
  return match;
}

/** G12's guardrail options from config: the approved bundles and the mode. */
export function sessionLockdownOptions(
  config: Pick<DataEnclaveConfig, 'mode' | 'workspaces'>,
): {
  approvedBundles: readonly ApprovedBundle[];
  mode: DataEnclaveConfig['mode'];
} {
  return {
    approvedBundles: config.workspaces.approvedBundles,
    mode: config.mode,
  };
}
