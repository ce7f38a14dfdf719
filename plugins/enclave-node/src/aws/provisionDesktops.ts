import { Workspace } from '@aws-sdk/client-workspaces';
import { protocolProblem } from '@data-enclave/plugin-enclave-common';
import { findBundleByName, DEFAULT_BUNDLE_NAME } from './bundles';
import { EnclaveAwsClients } from './clients';
import {
  createWorkspaces,
  listWorkspacesByDirectory,
} from './createWorkspaces';
import { ensureDirectoryDataAccess } from './directoryDataAccess';
import { assignSamAccountNames } from './samAccountName';
import { describeError } from './awsErrors';
import { Timing, realTiming } from './timing';
import {
  DESKTOP_FAILED_STATE,
  DesktopResult,
  DesktopUser,
  EnclaveLogger,
} from './types';
import {
  setInitialPassword,
  userSecretExists,
  userSecretName,
} from './userSecrets';
import {
  DirectoryUserSpec,
  EnsureUserOutcome,
  ensureDirectoryUser,
} from './users';
import {
  FAILED_STATES,
  READY_STATES,
  WorkspaceState,
  WorkspacesWaitTimeoutError,
  waitForWorkspaces,
} from './waitForWorkspaces';

/**
 * Provisioning desktops for a set of people:
 *
 *   ┌ directory data access (enable + wait) ┐
 *   ├ bundle lookup by name                 ├─ in parallel
 *   └ existing WorkSpaces in the directory  ┘
 *   → CreateUser per person (idempotent)
 *       ├→ per person, as soon as their user exists: ResetUserPassword + secret
 *       └→ once all users exist: CreateWorkspaces (≤ 25 a call) → wait until AVAILABLE
 *
 * Passwords are not needed to create a WorkSpace, so that step runs alongside
 * creation and the wait instead of before them. Re-running is safe: users that
 * exist are kept, people who already have a desktop are skipped, and existing
 * users who already have a password secret keep their password.
 *
 * The result has one entry per person and never contains a password.
 */
export interface ProvisionDesktopsInput {
  /** Environment name: secret names (`enclave/<env>/<user>`) and tags. */
  environment: string;
  users: readonly DesktopUser[];
  /** The environment's KMS key (volumes and secrets). */
  kmsKeyArn: string;
  directoryId: string;
  /** Default "Standard with Ubuntu 22.04". */
  bundleName?: string;
  /**
   * The bundle's owner from its approvedBundles entry (G12): an account id
   * for a custom hardened bundle. Default 'AMAZON' (public bundles).
   */
  bundleOwner?: string;
  /** Default: the bundle's compute type. */
  computeType?: string;
  /** AUTO_STOP timeout, a multiple of 60 (default 60). */
  autoStopTimeoutMinutes?: number;
  /** The environment's tags: `enclaveDefaultTags(spec)`, the one tag function. */
  tags: Record<string, string>;
  clients: EnclaveAwsClients;
  logger: EnclaveLogger;
  /** Cancellation and overall bound (ctx.signal upstream). */
  signal?: AbortSignal;
  options?: ProvisionDesktopsTuning;
}

export interface ProvisionDesktopsTuning {
  timing?: Timing;
  /** WorkSpaces wait: first delay (default 15 s), max delay (60 s), optional clock bound. */
  waitMinDelayMs?: number;
  waitMaxDelayMs?: number;
  waitMaxMs?: number;
  /** Directory data access wait (defaults 5 s / 10 min). */
  dataAccessMinDelayMs?: number;
  dataAccessMaxWaitMs?: number;
  /** CreateWorkspaces FailedRequests retry (defaults 5 attempts, 5 s first delay). */
  createMaxAttempts?: number;
  createRetryBaseDelayMs?: number;
  /** Reset passwords of users that already have a secret (default false). */
  rotateExistingPasswords?: boolean;
  /** Streaming protocol (default 'WSP' = Amazon DCV). */
  protocol?: 'WSP' | 'PCOIP';
}

export interface ProvisionDesktopsResult {
  bundleId: string;
  bundleName: string;
  desktops: DesktopResult[];
}

const DIRECTORY_ID = /^d-[0-9a-f]{10}$/;

function validate(input: ProvisionDesktopsInput): number {
  const autoStop = input.autoStopTimeoutMinutes ?? 60;
  if (!Number.isInteger(autoStop) || autoStop < 60 || autoStop % 60 !== 0) {
    throw new Error(
      `autoStopTimeoutMinutes must be a positive multiple of 60 (WorkSpaces rule), got ${autoStop}`,
    );
  }
  if (!DIRECTORY_ID.test(input.directoryId)) {
    throw new Error(`Invalid directory id "${input.directoryId}"`);
  }
  if (!input.kmsKeyArn) throw new Error('kmsKeyArn is required');
  // Before any AWS call: PCoIP on a Linux bundle would fail per desktop.
  const protocolError = protocolProblem(
    input.options?.protocol ?? 'WSP',
    input.bundleName ?? DEFAULT_BUNDLE_NAME,
  );
  if (protocolError) throw new Error(protocolError);
  // Throws for names that cannot be part of a secret name.
  userSecretName(input.environment, 'check');
  return autoStop;
}

interface UserRecord {
  spec: DirectoryUserSpec;
  result: DesktopResult;
  errors: string[];
}

export async function provisionDesktops(
  input: ProvisionDesktopsInput,
): Promise<ProvisionDesktopsResult> {
  const autoStopTimeoutMinutes = validate(input);
  const { environment, directoryId, logger, signal } = input;
  const tuning = input.options ?? {};
  const timing = tuning.timing ?? realTiming;
  // Concurrency is bounded by each client's socket pool (maxSockets, see
  // clients.ts) and the SDK's adaptive rate limiter: no second limit here.
  const { clients } = input;
  const { tags } = input;

  // One record per distinct person (entity names are case-insensitive).
  const names = assignSamAccountNames(input.users.map(u => u.name));
  const records = new Map<string, UserRecord>();
  for (const user of input.users) {
    const username = names.get(user.name)!;
    if (records.has(username)) continue;
    records.set(username, {
      spec: { ...user, username },
      result: { user: user.name, username, state: DESKTOP_FAILED_STATE },
      errors: [],
    });
  }
  logger.info(
    `Provisioning desktops for ${records.size} user(s) in directory ${directoryId}`,
  );

  const [, bundle, existingList] = await Promise.all([
    ensureDirectoryDataAccess({
      directoryId,
      client: clients.directoryService,
      logger,
      signal,
      timing,
      minDelayMs: tuning.dataAccessMinDelayMs,
      maxWaitMs: tuning.dataAccessMaxWaitMs,
    }),
    findBundleByName({
      client: clients.workspaces,
      name: input.bundleName ?? DEFAULT_BUNDLE_NAME,
      owner: input.bundleOwner,
      computeType: input.computeType,
      signal,
      timing,
    }),
    listWorkspacesByDirectory({
      client: clients.workspaces,
      directoryId,
      signal,
      timing,
    }),
  ]);
  logger.info(`Using bundle "${bundle.name}" (${bundle.bundleId})`);

  // A terminated desktop is no desktop: the user gets a new one.
  const existing = new Map<string, Workspace>();
  for (const ws of existingList) {
    if (
      ws.UserName &&
      ws.WorkspaceId &&
      ws.State !== 'TERMINATED' &&
      ws.State !== 'TERMINATING'
    ) {
      existing.set(ws.UserName.toLowerCase(), ws);
    }
  }

  // Users, then (per user, without waiting for the others) the password.
  const userSteps = [...records.values()].map(async record => {
    try {
      const outcome = await ensureDirectoryUser(record.spec, {
        directoryId,
        client: clients.directoryData,
        signal,
        timing,
      });
      return { record, outcome };
    } catch (error) {
      if (signal?.aborted) throw error;
      record.errors.push(`Directory user: ${describeError(error)}`);
      logger.warn(
        `Directory user ${record.spec.username} failed: ${describeError(
          error,
        )}`,
      );
      return { record, outcome: undefined };
    }
  });
  const passwordStep = async (
    record: UserRecord,
    outcome: EnsureUserOutcome,
  ) => {
    const { username } = record.spec;
    const secretName = userSecretName(environment, username);
    try {
      if (
        outcome === 'existing' &&
        !tuning.rotateExistingPasswords &&
        (await userSecretExists(secretName, clients.secretsManager, signal))
      ) {
        record.result.secretName = secretName;
        return;
      }
      record.result.secretName = await setInitialPassword({
        environment,
        directoryId,
        username,
        kmsKeyArn: input.kmsKeyArn,
        tags,
        clients,
        signal,
        timing,
      });
    } catch (error) {
      // Recorded, never thrown: this step runs alongside the WorkSpaces wait,
      // whose outcome decides whether the run fails.
      record.errors.push(`Initial password: ${describeError(error)}`);
      logger.warn(
        `Initial password for ${username} failed: ${describeError(error)}`,
      );
    }
  };

  const passwordSteps = userSteps.map(async step => {
    const { record, outcome } = await step;
    if (outcome) await passwordStep(record, outcome);
  });
  try {
    const users = await Promise.all(userSteps);
    const ready = users.filter(u => u.outcome).map(u => u.record);
    logger.info(
      `Directory users: ${ready.length}/${records.size} ready (${
        users.filter(u => u.outcome === 'created').length
      } created)`,
    );

    // Skip people who already have a desktop (idempotent re-run).
    const waitIds: string[] = [];
    const toCreate: string[] = [];
    for (const record of ready) {
      const ws = existing.get(record.spec.username.toLowerCase());
      if (!ws) {
        toCreate.push(record.spec.username);
        continue;
      }
      record.result.workspaceId = ws.WorkspaceId;
      record.result.state = ws.State ?? 'UNKNOWN';
      if (FAILED_STATES.has(record.result.state)) {
        record.errors.push(
          `Existing WorkSpace is ${record.result.state}: ${
            ws.ErrorCode ?? 'no error code'
          }${ws.ErrorMessage ? `: ${ws.ErrorMessage}` : ''}`,
        );
      } else if (!READY_STATES.has(record.result.state)) {
        waitIds.push(ws.WorkspaceId!);
      }
    }
    if (existing.size > 0) {
      logger.info(
        `WorkSpaces: ${
          ready.length - toCreate.length
        } user(s) already have one, creating ${toCreate.length}`,
      );
    }

    const created = await createWorkspaces({
      client: clients.workspaces,
      directoryId,
      bundleId: bundle.bundleId,
      usernames: toCreate,
      kmsKeyArn: input.kmsKeyArn,
      computeType: input.computeType ?? bundle.computeType ?? 'STANDARD',
      autoStopTimeoutMinutes,
      tags,
      protocol: tuning.protocol,
      logger,
      signal,
      timing,
      maxAttempts: tuning.createMaxAttempts,
      retryBaseDelayMs: tuning.createRetryBaseDelayMs,
    });
    for (const c of created.created) {
      const record = records.get(c.username);
      if (!record) continue;
      record.result.workspaceId = c.workspaceId;
      record.result.state = c.state;
      waitIds.push(c.workspaceId);
    }
    for (const f of created.failed) {
      records.get(f.username)?.errors.push(`CreateWorkspaces: ${f.error}`);
    }

    let finalStates: Map<string, WorkspaceState>;
    let timedOut: string | undefined;
    try {
      finalStates = await waitForWorkspaces({
        client: clients.workspaces,
        workspaceIds: waitIds,
        logger,
        signal,
        timing,
        minDelayMs: tuning.waitMinDelayMs,
        maxDelayMs: tuning.waitMaxDelayMs,
        maxWaitMs: tuning.waitMaxMs,
      });
    } catch (error) {
      // The bound was reached: report what we know instead of failing the
      // whole run; a re-run continues where this one stopped. A cancellation
      // (AbortError) is rethrown.
      if (!(error instanceof WorkspacesWaitTimeoutError)) throw error;
      finalStates = error.states;
      timedOut = error.message;
      logger.warn(error.message);
    }
    for (const record of records.values()) {
      const id = record.result.workspaceId;
      const state = id ? finalStates.get(id) : undefined;
      if (!state) continue;
      record.result.state = state.state;
      if (FAILED_STATES.has(state.state)) {
        record.errors.push(
          `WorkSpace ${state.state}: ${state.errorCode ?? 'no error code'}${
            state.errorMessage ? `: ${state.errorMessage}` : ''
          }`,
        );
      } else if (timedOut && !READY_STATES.has(state.state)) {
        record.errors.push(
          `Still ${state.state} when the wait ended: ${timedOut}`,
        );
      }
    }
  } finally {
    // Password steps run alongside; wait for them whatever happened so none
    // is left running after we return or throw.
    await Promise.allSettled(passwordSteps);
  }

  const desktops = [...records.values()].map(({ result, errors }) =>
    errors.length ? { ...result, error: errors.join('; ') } : result,
  );
  const available = desktops.filter(d => READY_STATES.has(d.state)).length;
  logger.info(
    `Desktops: ${available}/${desktops.length} ready${
      desktops.length - available
        ? `, ${desktops.length - available} not ready`
        : ''
    }`,
  );
  return { bundleId: bundle.bundleId, bundleName: bundle.name, desktops };
}
