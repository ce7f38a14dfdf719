/**
 * Reading SDK errors for logs and decisions. Only the error's name and message
 * are used: SDK errors never echo request parameters, so no password can leak
 * through describeError.
 */
interface ErrorLike {
  name?: string;
  message?: string;
}

/** "Code: message" for logs and results. */
export function describeError(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error)) {
    const { name, message } = error as ErrorLike;
    if (name && message && name !== 'Error') return `${name}: ${message}`;
    return message || name || String(error);
  }
  return String(error);
}

/** The error's `name`, i.e. the AWS error code for SDK errors. */
export function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null
    ? (error as ErrorLike).name
    : undefined;
}
