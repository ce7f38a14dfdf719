/*
 * Spawns one terraform command with an argument array (never a shell string)
 * and streams its stdout line by line. Cancellation and timeouts send SIGINT
 * first, because an interrupted terraform finishes its current API calls,
 * writes state and releases the state lock; SIGKILL only follows after a grace
 * period, as a last resort. The command runs under a watchdog
 * (terraformWatchdog.ts) that does the same when the backend itself dies, so
 * terraform never outlives it.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { RUN_OWNER_ENV } from './privateRunDirs';
import { TERRAFORM_WATCHDOG_SOURCE } from './terraformWatchdog';
import {
  isTerraformShuttingDown,
  superviseTerraform,
} from './terraformSupervisor';

export interface SpawnTerraformOptions {
  binary: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called for each stdout line (the `-json` event stream). */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Time between SIGINT and SIGKILL. Default 30 s. */
  killGraceMs?: number;
  /** Called with terraform's pid once it has started (tests, diagnostics). */
  onSpawn?: (pid: number) => void;
}

export interface SpawnTerraformResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Set when we stopped the process: why. */
  stoppedBy?: 'abort' | 'timeout' | 'shutdown';
}

/** Terraform could not be started at all (missing binary, bad cwd). */
export class TerraformSpawnError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'TerraformSpawnError';
  }
}

const STDERR_LIMIT = 64 * 1024;

type WatchdogMessage =
  | { pid: number }
  | { spawnError: string; message: string }
  | { exitCode: number | null; signal: NodeJS.Signals | null };

export function spawnTerraform(
  options: SpawnTerraformOptions,
): Promise<SpawnTerraformResult> {
  const { binary, args, cwd, env, signal } = options;
  const grace = options.killGraceMs ?? 30_000;
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) {
      resolvePromise({
        exitCode: null,
        signal: null,
        stderr: '',
        stoppedBy: 'abort',
      });
      return;
    }
    const watchdog = spawn(
      process.execPath,
      ['-e', TERRAFORM_WATCHDOG_SOURCE, binary, String(grace), ...args],
      {
        cwd,
        env: { ...env, [RUN_OWNER_ENV]: String(process.pid) },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    superviseTerraform(watchdog);
    let stderr = '';
    let stoppedBy: SpawnTerraformResult['stoppedBy'];
    let killTimer: NodeJS.Timeout | undefined;
    let spawnError: { code: string; message: string } | undefined;
    let exit: { exitCode: number | null; signal: NodeJS.Signals | null } = {
      exitCode: null,
      signal: null,
    };

    const stop = (why: 'abort' | 'timeout') => {
      if (stoppedBy || watchdog.exitCode !== null) return;
      stoppedBy = why;
      watchdog.kill('SIGINT');
      // The watchdog escalates after `grace`; this is the backstop.
      killTimer = setTimeout(() => watchdog.kill('SIGTERM'), grace + 5000);
      killTimer.unref();
    };
    const onAbort = () => stop('abort');
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = options.timeoutMs
      ? setTimeout(() => stop('timeout'), options.timeoutMs)
      : undefined;
    timeout?.unref();

    watchdog.on('message', (message: WatchdogMessage) => {
      if ('pid' in message) options.onSpawn?.(message.pid);
      else if ('spawnError' in message) {
        spawnError = { code: message.spawnError, message: message.message };
      } else exit = message;
    });
    const lines = createInterface({ input: watchdog.stdout! });
    lines.on('line', line => options.onLine?.(line));
    watchdog.stderr!.on('data', chunk => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
    });

    const cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      if (timeout) clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
    };
    watchdog.once('error', error => {
      cleanup();
      reject(
        new TerraformSpawnError(
          `Could not start the terraform watchdog: ${error.message}`,
        ),
      );
    });
    watchdog.once('close', (watchdogCode, watchdogSignal) => {
      cleanup();
      lines.close();
      if (spawnError) {
        reject(
          new TerraformSpawnError(
            spawnError.code === 'ENOENT'
              ? `Terraform binary "${binary}" was not found on PATH. Install Terraform (or OpenTofu) or set dataEnclave.terraform.binary to its path.`
              : `Could not start "${binary}": ${spawnError.message}`,
            spawnError.code,
          ),
        );
        return;
      }
      // Terraform's own end, as the watchdog reported it; if the watchdog
      // itself was killed outright, its end is all we know.
      let result = exit;
      if (watchdogSignal) result = { exitCode: null, signal: watchdogSignal };
      else if (exit.exitCode === null && exit.signal === null) {
        result = { exitCode: watchdogCode, signal: null };
      }
      resolvePromise({
        ...result,
        stderr,
        stoppedBy:
          stoppedBy ?? (isTerraformShuttingDown() ? 'shutdown' : undefined),
      });
    });
  });
}
