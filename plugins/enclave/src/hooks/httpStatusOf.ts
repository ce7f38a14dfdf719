/**
 * The HTTP status of a failed API call, if any. Checks the shape rather than
 * `instanceof ResponseError`, which breaks when two copies of
 * @backstage/errors end up in a bundle.
 */
export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** 403/404 will not fix themselves by waiting, so polling stops on them. */
export function isPermanentError(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 403 || status === 404;
}
