/*
 * The `enclave` CLI as users and pipelines run it: a child process of the
 * repository's bin, from the repository root, with ENCLAVE_DEBUG off so an
 * error prints its message, not its stack.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../../../..');
const BIN = 'plugins/enclave-node/bin/enclave';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runEnclaveCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ENCLAVE_DEBUG: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', fail);
    child.on('close', code => done({ code, stdout, stderr }));
  });
}
