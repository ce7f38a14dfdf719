import { randomInt } from 'node:crypto';

/**
 * Initial passwords for directory users.
 *
 * AD's default complexity policy (which AWS Managed Microsoft AD enforces):
 * at least 8 characters, characters from at least 3 of the 4 classes (upper,
 * lower, digit, symbol), and not containing the sAMAccountName. We use 24
 * characters with at least 2 of every class, drawn with crypto.randomInt (a
 * CSPRNG, no modulo bias) and shuffled with Fisher–Yates, so every policy
 * variant is met with a wide margin. Look-alike characters (0/O, 1/l/I) are left
 * out because people type this password once, by hand, into the WorkSpaces client.
 *
 * The password only ever lives in memory, in the ResetUserPassword request and
 * in the Secrets Manager secret. Callers must never log it or return it.
 */
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#%+-.:=?@^_~';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

export const PASSWORD_LENGTH = 24;
const MIN_PER_CLASS = 2;

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)];
}

function shuffle(chars: string[]): string[] {
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars;
}

/** True when the password meets the AD complexity rules we promise. */
export function meetsComplexity(password: string, username?: string): boolean {
  const classes = [UPPER, LOWER, DIGITS, SYMBOLS].filter(alphabet =>
    [...password].some(c => alphabet.includes(c)),
  ).length;
  const containsUsername =
    !!username &&
    username.length > 2 &&
    password.toLowerCase().includes(username.toLowerCase());
  return password.length >= 8 && classes >= 3 && !containsUsername;
}

export function generatePassword(
  username?: string,
  length = PASSWORD_LENGTH,
): string {
  if (length < 4 * MIN_PER_CLASS) {
    throw new Error(`password length must be at least ${4 * MIN_PER_CLASS}`);
  }
  for (;;) {
    const chars: string[] = [];
    for (const alphabet of [UPPER, LOWER, DIGITS, SYMBOLS]) {
      for (let i = 0; i < MIN_PER_CLASS; i++) chars.push(pick(alphabet));
    }
    while (chars.length < length) chars.push(pick(ALL));
    const password = shuffle(chars).join('');
    // Containing the username is astronomically unlikely; regenerate if so.
    if (meetsComplexity(password, username)) return password;
  }
}

/**
 * Replaces every occurrence of the given secrets in `text`. Used on error
 * messages from calls that carried a password, as defence in depth should a
 * service ever echo a request value back.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}
