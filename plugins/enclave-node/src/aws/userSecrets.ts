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
import { describeError, errorName, retryThrottled } from './throttling';
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
}

/** True when a live (not scheduled-for-deletion) secret exists for the user. */
export async function userSecretExists(
  secretName: string,
  client: SecretsManagerClient,
  signal?: AbortSignal,
  timing?: Timing,
): Promise<boolean> {
  try {
    const secret = await retryThrottled(
      () =>
        client.send(new DescribeSecretCommand({ SecretId: secretName }), {
          abortSignal: signal,
        }),
      { signal, timing },
    );
    return !secret.DeletedDate;
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return false;
    throw error;
  }
}

/** Generates a password, sets it on the directory user and stores it. Returns the secret name. */
export async function setInitialPassword(
  options: InitialPasswordOptions,
): Promise<string> {
  const { environment, directoryId, username, clients, signal, timing } =
    options;
  const secretName = userSecretName(environment, username);
  const password = generatePassword(username);
  try {
    await retryThrottled(
      () =>
        clients.directoryService.send(
          new ResetUserPasswordCommand({
            DirectoryId: directoryId,
            UserName: username,
            NewPassword: password,
          }),
          { abortSignal: signal },
        ),
      { signal, timing },
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

async function storeSecret(
  secretName: string,
  secretString: string,
  options: InitialPasswordOptions,
): Promise<void> {
  const sm = options.clients.secretsManager;
  const { signal, timing } = options;
  const call = <T>(fn: () => Promise<T>) =>
    retryThrottled(fn, { signal, timing });
  const putValue = () =>
    call(() =>
      sm.send(
        new PutSecretValueCommand({
          SecretId: secretName,
          SecretString: secretString,
        }),
        { abortSignal: signal },
      ),
    );
  try {
    await call(() =>
      sm.send(
        new CreateSecretCommand({
          Name: secretName,
          Description: `Initial WorkSpaces password for ${options.username} (Data Enclave ${options.environment})`,
          KmsKeyId: options.kmsKeyArn,
          SecretString: secretString,
          Tags: toAwsTags({
            ...options.tags,
            'enclave:username': options.username,
          }),
        }),
        { abortSignal: signal },
      ),
    );
    return;
  } catch (error) {
    if (errorName(error) !== 'ResourceExistsException') throw error;
  }
  // The secret exists (earlier run): add a new version; it keeps the key and
  // tags it was created with.
  try {
    await putValue();
  } catch (error) {
    // A user removed and re-added within the recovery window has a secret
    // scheduled for deletion; bring it back rather than fail.
    if (
      errorName(error) === 'InvalidRequestException' &&
      /deletion/i.test((error as Error).message ?? '')
    ) {
      await call(() =>
        sm.send(new RestoreSecretCommand({ SecretId: secretName }), {
          abortSignal: signal,
        }),
      );
      await putValue();
      return;
    }
    throw error;
  }
}

export interface DeleteUserSecretOptions {
  client: SecretsManagerClient;
  /** Skip the recovery window (default false: 7-day window, see recoveryWindowInDays). */
  forceDeleteWithoutRecovery?: boolean;
  recoveryWindowInDays?: number;
  signal?: AbortSignal;
  timing?: Timing;
}

/** Deletes a user's secret; a missing or already-scheduled secret counts as deleted. */
export async function deleteUserSecret(
  secretName: string,
  options: DeleteUserSecretOptions,
): Promise<void> {
  const { client, signal, timing } = options;
  try {
    await retryThrottled(
      () =>
        client.send(
          new DeleteSecretCommand({
            SecretId: secretName,
            ...(options.forceDeleteWithoutRecovery
              ? { ForceDeleteWithoutRecovery: true }
              : { RecoveryWindowInDays: options.recoveryWindowInDays ?? 7 }),
          }),
          { abortSignal: signal },
        ),
      { signal, timing },
    );
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return;
    if (
      errorName(error) === 'InvalidRequestException' &&
      /deletion/i.test((error as Error).message ?? '')
    ) {
      return;
    }
    throw error;
  }
}
