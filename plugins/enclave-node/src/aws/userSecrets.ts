import {
  DirectoryServiceClient,
  ResetUserPasswordCommand,
} from '@aws-sdk/client-directory-service';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { generatePassword, redact } from './passwords';
import { withUsernameTag } from '@data-enclave/plugin-enclave-common';
import { describeError, errorName } from './awsErrors';
import { pollUntil } from './poll';
import { Timing } from './timing';

/**
 * Initial passwords: generated here, set with ResetUserPassword and kept in one
 * Secrets Manager secret per user (`enclave/<env>/<username>`), encrypted with
 * the environment's KMS key and tagged like the rest of the environment.
 *
 * Order matters: we reset first and store second, so a stored secret always
 * holds a password that was actually set. If storing fails the user simply
 * gets a new password on the next run (no secret means "not done").
 *
 * The password never leaves this module except inside those two requests: it is
 * not returned, not logged, and errors from calls that carried it are redacted.
 */
const SECRET_NAME_PART = /^[A-Za-z0-9_+=.@-]+$/;

export function userSecretName(environment: string, username: string): string {
  for (const part of [environment, username]) {
    if (!SECRET_NAME_PART.test(part)) {
      throw new Error(
        `"${part}" cannot be used in a Secrets Manager secret name`,
      );
    }
  }
  return `enclave/${environment}/${username}`;
}

export function toAwsTags(
  tags: Record<string, string>,
): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

interface SecretClients {
  directoryService: DirectoryServiceClient;
  secretsManager: SecretsManagerClient;
}

export interface InitialPasswordOptions {
  environment: string;
  directoryId: string;
  username: string;
  kmsKeyArn: string;
  tags: Record<string, string>;
  clients: SecretClients;
  signal?: AbortSignal;
  timing?: Timing;
  /** Wait for a new user to become visible (default up to 2 min). */
  visibilityWait?: UserVisibilityWait;
}

/** True when a live (not scheduled-for-deletion) secret exists for the user. */
export async function userSecretExists(
  secretName: string,
  client: SecretsManagerClient,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    const secret = await client.send(
      new DescribeSecretCommand({ SecretId: secretName }),
      {
        abortSignal: signal,
      },
    );
    return !secret.DeletedDate;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/**
 * The errors a just-created directory user produces for a short while.
 * Directory Service Data writes to a domain controller; ResetUserPassword
 * (Directory Service API) can reach another one before replication, and then
 * answers UserDoesNotExistException ("The user provided a username that does
 * not exist in your directory") or DirectoryUnavailableException ("The
 * specified directory is unavailable"), both listed as ResetUserPassword
 * errors in botocore `ds/2015-04-16/service-2.json`. Neither is throttling,
 * so the SDK's retry strategy rightly does not retry them: this is a bounded
 * wait for eventual consistency instead (default 2 minutes).
 */
const NOT_YET_VISIBLE = new Set([
  'UserDoesNotExistException',
  'DirectoryUnavailableException',
]);

/** Bounds of the wait for a new user to become visible (tests shorten them). */
export interface UserVisibilityWait {
  /** First delay (default 2 s), doubling up to maxDelayMs (default 15 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Total bound on the injected clock (default 120 s). */
  maxWaitMs?: number;
}

/** Generates a password, sets it on the directory user and stores it. Returns the secret name. */
export async function setInitialPassword(
  options: InitialPasswordOptions,
): Promise<string> {
  const { environment, directoryId, username, clients, signal, timing } =
    options;
  const secretName = userSecretName(environment, username);
  const password = generatePassword(username);
  const wait = options.visibilityWait ?? {};
  try {
    await pollUntil(
      async () => {
        try {
          await clients.directoryService.send(
            new ResetUserPasswordCommand({
              DirectoryId: directoryId,
              UserName: username,
              NewPassword: password,
            }),
            { abortSignal: signal },
          );
          return { done: true, value: undefined };
        } catch (error) {
          const code = errorName(error);
          if (code && NOT_YET_VISIBLE.has(code))
            return { done: false, status: code };
          throw error;
        }
      },
      {
        description: `directory user ${username} to become visible to ResetUserPassword`,
        minDelayMs: wait.minDelayMs ?? 2_000,
        maxDelayMs: wait.maxDelayMs ?? 15_000,
        maxWaitMs: wait.maxWaitMs ?? 120_000,
        signal,
        timing,
      },
    );
    await storeSecret(
      secretName,
      JSON.stringify({ username, password, directoryId }),
      options,
    );
    return secretName;
  } catch (error) {
    // Keep the code, drop anything that could echo the password.
    throw new Error(redact(describeError(error), [password]));
  }
}

/**
 * True for Secrets Manager's InvalidRequestException about a secret
 * scheduled for deletion. botocore `secretsmanager/2017-10-17/service-2.json`,
 * InvalidRequestException: "Possible causes: The secret is scheduled for
 * deletion." CreateSecret returns it while the name belongs to such a secret
 * (the name is blocked until the deletion completes: DeleteSecret in the same
 * model, and ForceDeleteWithoutRecovery: "Secrets Manager performs the actual
 * deletion with an asynchronous background process, so there might be a short
 * delay before the secret is permanently deleted").
 */
export function isScheduledForDeletion(error: unknown): boolean {
  return (
    errorName(error) === 'InvalidRequestException' &&
    /deletion/i.test((error as Error).message ?? '')
  );
}

async function storeSecret(
  secretName: string,
  secretString: string,
  options: InitialPasswordOptions,
): Promise<void> {
  const sm = options.clients.secretsManager;
  const { signal, timing } = options;
  const create = () =>
    sm.send(
      new CreateSecretCommand({
        Name: secretName,
        Description: `Initial WorkSpaces password for ${options.username} (Data Enclave ${options.environment})`,
        KmsKeyId: options.kmsKeyArn,
        SecretString: secretString,
        Tags: toAwsTags(withUsernameTag(options.tags, options.username)),
      }),
      { abortSignal: signal },
    );
  const putValue = () =>
    sm.send(
      new PutSecretValueCommand({
        SecretId: secretName,
        SecretString: secretString,
      }),
      { abortSignal: signal },
    );
  const restoreAndPut = async () => {
    await sm.send(new RestoreSecretCommand({ SecretId: secretName }), {
      abortSignal: signal,
    });
    await putValue();
  };
  // A bounded wait, not a retry of throttling: a name whose secret is being
  // force-deleted is released "after a short delay" (see isScheduledForDeletion).
  await pollUntil(
    async () => {
      try {
        await create();
        return { done: true, value: undefined };
      } catch (error) {
        if (errorName(error) === 'ResourceExistsException') {
          // The secret exists (earlier run): add a version; it keeps the key
          // and tags it was created with.
          try {
            await putValue();
            return { done: true, value: undefined };
          } catch (putError) {
            if (!isScheduledForDeletion(putError)) throw putError;
          }
        } else if (!isScheduledForDeletion(error)) {
          throw error;
        }
      }
      // Scheduled for deletion (a person removed and re-added within the
      // recovery window): bring the secret back rather than fail. When it is
      // already being purged, Restore fails and the name frees up shortly.
      try {
        await restoreAndPut();
        return { done: true, value: undefined };
      } catch (error) {
        if (
          errorName(error) === 'ResourceNotFoundException' ||
          isScheduledForDeletion(error)
        ) {
          return { done: false, status: 'name still held by a deleted secret' };
        }
        throw error;
      }
    },
    {
      description: `secret name ${secretName} to be released`,
      minDelayMs: 1_000,
      maxDelayMs: 10_000,
      maxWaitMs: 120_000,
      signal,
      timing,
    },
  );
}

export interface DeleteUserSecretOptions {
  client: SecretsManagerClient;
  /**
   * Delete at once, without a recovery window (decommission: the environment
   * key that encrypts the secret is scheduled for deletion too, so a
   * recoverable secret could never be read again, and the name must be free
   * for an immediate re-provision). Default false: removing one person keeps
   * the secret recoverable for `recoveryWindowInDays` (7); re-adding them
   * within the window restores it.
   */
  forceDeleteWithoutRecovery?: boolean;
  recoveryWindowInDays?: number;
  signal?: AbortSignal;
}

/**
 * Deletes a user's secret; a missing or already-scheduled secret counts as
 * deleted. With ForceDeleteWithoutRecovery, AWS documents that "if you
 * forcibly delete an already deleted or nonexistent secret, the operation
 * does not return ResourceNotFoundException" (DeleteSecret,
 * ForceDeleteWithoutRecovery, Secrets Manager API reference): a secret
 * scheduled earlier is purged too.
 */
export async function deleteUserSecret(
  secretName: string,
  options: DeleteUserSecretOptions,
): Promise<void> {
  const { client, signal } = options;
  try {
    await client.send(
      new DeleteSecretCommand({
        SecretId: secretName,
        ...(options.forceDeleteWithoutRecovery
          ? { ForceDeleteWithoutRecovery: true }
          : { RecoveryWindowInDays: options.recoveryWindowInDays ?? 7 }),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return;
    if (isScheduledForDeletion(error)) return;
    throw error;
  }
}
