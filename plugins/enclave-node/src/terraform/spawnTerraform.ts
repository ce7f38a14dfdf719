/*
 * Spawns one terraform command with an argument array (never a shell string)
 * and streams its stdout line by line. Cancellation and timeouts send SIGINT
 * first, because an interrupted terraform finishes its current API calls,
 * writes state and releases the state lock; SIGKILL only follows after a grace
 * period, as a last resort.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

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
  /** Called with the child's pid once it has started (tests, diagnostics). */
  onSpawn?: (pid: number) => void;
}

export interface SpawnTerraformResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Set when we stopped the process: why. */
  stoppedBy?: 'abort' | 'timeout';
}

/** Terraform could not be started at all (missing binary, bad cwd). */
export class TerraformSpawnError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'TerraformSpawnError';
  }
}

const STDERR_LIMIT = 64 * 1024;

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
    const child = spawn(binary, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stoppedBy: SpawnTerraformResult['stoppedBy'];
    let killTimer: NodeJS.Timeout | undefined;
    let started = false;

    const stop = (why: 'abort' | 'timeout') => {
      if (stoppedBy || child.exitCode !== null) return;
      stoppedBy = why;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), grace);
      killTimer.unref();
    };
    const onAbort = () => stop('abort');
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = options.timeoutMs
      ? setTimeout(() => stop('timeout'), options.timeoutMs)
      : undefined;
    timeout?.unref();

    child.once('spawn', () => {
      started = true;
      if (child.pid) options.onSpawn?.(child.pid);
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', line => options.onLine?.(line));
    child.stderr.on('data', chunk => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
    });

    const cleanup = () => {
      signal?.removeEventListener('abort', onAbort);
      if (timeout) clearTimeout(timeout);
      if (killTimer) clearTimeout(killTimer);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      if (!started) {
        reject(
          new TerraformSpawnError(
            error.code === 'ENOENT'
              ? `Terraform binary "${binary}" was not found on PATH. Install Terraform (or OpenTofu) or set dataEnclave.terraform.binary to its path.`
              : `Could not start "${binary}": ${error.message}`,
            error.code,
          ),
        );
      }
    });
    child.once('close', (exitCode, exitSignal) => {
      cleanup();
      lines.close();
      resolvePromise({ exitCode, signal: exitSignal, stderr, stoppedBy });
    });
  });
}
