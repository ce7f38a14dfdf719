/**
 * Which CreateWorkspaces / TerminateWorkspaces `FailedRequests` are worth
 * retrying. These are per-item results of a call that itself succeeded, so the
 * SDK's retry layer never sees them; we decide here.
 *
 * Retried (bounded attempts, exponential backoff):
 * - Throttling: `ThrottlingException`, `Throttling`, `RequestLimitExceeded`,
 *   `TooManyRequestsException` — the batch went over a rate limit.
 * - Service-side: `InternalError`, `InternalFailure`, `InternalServerError`,
 *   `ServiceUnavailable(Exception)` — transient by definition.
 * - `ResourceUnavailable*` — a dependency (subnet capacity, directory) is
 *   temporarily unavailable.
 * - `ResourceNotFound*` that is about the *user*: directory users created
 *   seconds earlier through the Data API can take a moment to become visible to
 *   WorkSpaces (replication across domain controllers).
 *
 * Not retried (reported per user at once):
 * - `ResourceLimitExceeded*` — the account's WorkSpaces quota. It does not
 *   lift within a run (it needs a Service Quotas increase), and retrying would
 *   only delay the error the platform team needs to see.
 * - `InvalidParameterValues*`, `UnsupportedWorkspaceConfiguration*`,
 *   `OperationNotSupported*`, `AccessDenied*`, `InvalidResourceState*` and
 *   anything unknown — a repeat of the same request would fail the same way.
 */
const RETRYABLE_PREFIXES = [
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequests',
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ResourceUnavailable',
];

export function isRetryableWorkspaceFailure(
  errorCode: string | undefined,
  errorMessage?: string,
): boolean {
  if (!errorCode) return false;
  if (RETRYABLE_PREFIXES.some(prefix => errorCode.startsWith(prefix))) {
    return true;
  }
  return (
    errorCode.startsWith('ResourceNotFound') &&
    /\buser\b/i.test(`${errorCode} ${errorMessage ?? ''}`)
  );
}

export function formatWorkspaceFailure(
  errorCode: string | undefined,
  errorMessage: string | undefined,
): string {
  return (
    [errorCode, errorMessage].filter(Boolean).join(': ') || 'unknown error'
  );
}
