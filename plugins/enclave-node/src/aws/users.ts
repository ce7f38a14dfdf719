import { DirectoryDataApi } from './directoryDataClient';
import { describeError, errorName } from './awsErrors';
import { Timing } from './timing';
import { DesktopUser } from './types';

/**
 * Directory users through the Directory Service Data API.
 *
 * CreateUser is idempotent from our point of view: ConflictException means the
 * sAMAccountName exists, which is the expected state on a re-run. Because an
 * existing account then gets its password reset, we first check that it is
 * plausibly the same person (same email when both sides have one) so a
 * catalog user can never take over someone else's directory account.
 */
export interface DirectoryUserSpec extends DesktopUser {
  /** The derived sAMAccountName. */
  username: string;
}

export type EnsureUserOutcome = 'created' | 'existing';

export interface DirectoryUserCallOptions {
  directoryId: string;
  client: DirectoryDataApi;
  signal?: AbortSignal;
  timing?: Timing;
}

/**
 * WorkSpaces expects the directory user to have a first name, last name and
 * email. When the catalog profile has no split name we derive one from the
 * display name (first word / rest) or fall back to the username.
 */
export function directoryNames(spec: DirectoryUserSpec): {
  GivenName: string;
  Surname: string;
} {
  const words = (spec.displayName ?? '').trim().split(/\s+/).filter(Boolean);
  const given = spec.givenName?.trim() || words[0] || spec.username;
  const surname =
    spec.surname?.trim() ||
    (words.length > 1 ? words.slice(1).join(' ') : undefined) ||
    spec.username;
  // DS Data limits both to 64 characters.
  return { GivenName: given.slice(0, 64), Surname: surname.slice(0, 64) };
}

export async function ensureDirectoryUser(
  spec: DirectoryUserSpec,
  options: DirectoryUserCallOptions,
): Promise<EnsureUserOutcome> {
  const { directoryId, client, signal } = options;
  try {
    await client.createUser(
      {
        DirectoryId: directoryId,
        SAMAccountName: spec.username,
        ...(spec.email ? { EmailAddress: spec.email } : {}),
        ...directoryNames(spec),
      },
      { abortSignal: signal },
    );
    return 'created';
  } catch (error) {
    if (errorName(error) !== 'ConflictException') throw error;
  }
  const existing = await client.describeUser(
    { DirectoryId: directoryId, SAMAccountName: spec.username },
    { abortSignal: signal },
  );
  if (
    spec.email &&
    existing.EmailAddress &&
    existing.EmailAddress.toLowerCase() !== spec.email.toLowerCase()
  ) {
    throw new Error(
      `Directory user "${spec.username}" already exists with a different email address; refusing to take it over`,
    );
  }
  return 'existing';
}

/** Deletes a directory user; a user that is already gone counts as deleted. */
export async function deleteDirectoryUser(
  username: string,
  options: DirectoryUserCallOptions,
): Promise<'deleted' | 'absent'> {
  const { directoryId, client, signal } = options;
  try {
    await client.deleteUser(
      { DirectoryId: directoryId, SAMAccountName: username },
      { abortSignal: signal },
    );
    return 'deleted';
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return 'absent';
    throw new Error(
      `Deleting directory user ${username} failed: ${describeError(error)}`,
      { cause: error },
    );
  }
}
