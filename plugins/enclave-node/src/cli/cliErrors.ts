/*
 * CLI error conventions: bad input (arguments, files, specs) exits 2 with a
 * one-paragraph message and no stack trace; anything else exits 1. Set
 * ENCLAVE_DEBUG=1 to see stack traces of unexpected errors.
 */
import { resolve } from 'node:path';

/** Bad input from the user: exit code 2, message only. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 1;

/**
 * Resolves a user-supplied path. `yarn workspace … enclave` changes the cwd to
 * the package, so relative paths are resolved against INIT_CWD (the directory
 * the user ran yarn from) when yarn set it.
 */
export function resolveUserPath(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return resolve(env.INIT_CWD || process.cwd(), path);
}
