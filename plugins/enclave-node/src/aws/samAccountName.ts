import { createHash } from 'node:crypto';

/**
 * Derives directory sAMAccountNames from catalog User entity names.
 *
 * AD rules: at most 20 characters; none of  " / \ [ ] : ; | = , + * ? < > @ ;
 * no control characters; must not end with '.'. We go further and keep only
 * [a-z0-9._-], a conservative subset that every hop (Directory Service Data,
 * WorkSpaces UserName, the WorkSpaces client login box) accepts.
 * Lower-casing loses nothing: AD compares case-insensitively, and Backstage
 * entity names are case-insensitive too.
 *
 * Stability matters more than prettiness: a name that is already valid is used
 * unchanged, and any name we had to alter (invalid characters, too long,
 * reserved) gets a short hash of the *original* name as suffix. The result
 * depends only on that one entity name, never on who else is in the list, so
 * adding a user on day 2 can never rename an existing user. Residual collisions
 * within one list (practically impossible) are resolved by lengthening the hash.
 */
export const SAM_ACCOUNT_NAME_MAX_LENGTH = 20;

/** Everything outside this set is dropped (covers AD's forbidden characters). */
const NOT_ALLOWED = /[^a-z0-9._-]/g;

/**
 * Accounts that exist in every AWS Managed Microsoft AD (or are built-in AD
 * principals). Mapping a catalog user onto one of them would make the
 * "existing user is fine" rule reset e.g. the directory Admin's password.
 */
const RESERVED = new Set([
  'admin',
  'administrator',
  'guest',
  'krbtgt',
  'awsadmin',
  'defaultaccount',
  'wdagutilityaccount',
]);

const HASH_LENGTH = 6;

function shortHash(value: string, length: number): string {
  return createHash('sha256').update(value).digest('hex').slice(0, length);
}

function sanitize(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(NOT_ALLOWED, '');
}

export function isValidSamAccountName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= SAM_ACCOUNT_NAME_MAX_LENGTH &&
    !name.endsWith('.') &&
    !/^\.+$/.test(name) &&
    !/[^a-z0-9._-]/i.test(name)
  );
}

/** "<prefix>-<hash>" within 20 characters; the hash is of the original name. */
function hashedName(entityName: string, hashLength: number): string {
  const key = entityName.trim().toLowerCase();
  const suffix = shortHash(key, hashLength);
  const room = SAM_ACCOUNT_NAME_MAX_LENGTH - suffix.length - 1;
  // Trailing dots/hyphens would look odd before the separator.
  const prefix = sanitize(key)
    .slice(0, room)
    .replace(/[.-]+$/, '');
  return prefix ? `${prefix}-${suffix}` : `u-${suffix}`;
}

/** The sAMAccountName for one entity name: unchanged when valid, else hashed. */
export function deriveSamAccountName(entityName: string): string {
  const key = entityName.trim().toLowerCase();
  const cleaned = sanitize(key);
  const lossless =
    cleaned === key && isValidSamAccountName(cleaned) && !RESERVED.has(cleaned);
  return lossless ? cleaned : hashedName(key, HASH_LENGTH);
}

/**
 * Maps each distinct entity name (case-insensitively) to a unique sAMAccountName.
 * Deterministic: the same input set always gives the same mapping, whatever the order.
 */
export function assignSamAccountNames(
  entityNames: readonly string[],
): Map<string, string> {
  const distinct = [
    ...new Set(entityNames.map(n => n.trim().toLowerCase())),
  ].sort();
  const result = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const name of distinct) {
    let candidate = deriveSamAccountName(name);
    // Lengthen the hash until unique; bounded by the 64 hex digits of sha256.
    for (
      let hashLength = HASH_LENGTH + 1;
      taken.has(candidate) && hashLength <= 12;
      hashLength++
    ) {
      candidate = hashedName(name, hashLength);
    }
    if (taken.has(candidate)) {
      throw new Error(
        `Cannot derive a unique sAMAccountName for "${name}" (collides with "${taken.get(
          candidate,
        )}")`,
      );
    }
    taken.set(candidate, name);
    result.set(name, candidate);
  }
  // Give callers lookups by the name exactly as they passed it, too.
  for (const original of entityNames) {
    result.set(original, result.get(original.trim().toLowerCase())!);
  }
  return result;
}
