/*
 * Private temp dirs for the files of one terraform run that hold secrets in
 * clear text: the binary plan (`-out`) carries the directory admin password
 * (a TF_VAR_ value and a planned attribute). Each run removes its own dir in
 * a `finally`; a process that dies cannot, so every backend start sweeps the
 * root and removes the dirs of owners that are gone, after interrupting any
 * terraform those owners left behind.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set on every terraform command so the sweep can find a dead owner's orphans. */
export const RUN_OWNER_ENV = 'ENCLAVE_RUN_OWNER';
const OWNER_FILE = 'owner.json';

/** `ENCLAVE_TERRAFORM_TMPDIR`, else `<os tmpdir>/data-enclave-runs`. */
export function privateRunRoot(): string {
  return (
    process.env.ENCLAVE_TERRAFORM_TMPDIR ?? join(tmpdir(), 'data-enclave-runs')
  );
}

/** A new 0700 dir under the run root, owned by this process. */
export function createPrivateRunDir(prefix: string): string {
  const root = privateRunRoot();
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const dir = mkdtempSync(join(root, `${prefix}-`));
  writeFileSync(
    join(dir, OWNER_FILE),
    JSON.stringify({ pid: process.pid, createdAt: new Date().toISOString() }),
    { mode: 0o600 },
  );
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Processes (Linux /proc) started by a terraform run whose owner is dead:
 * watchdogs and terraform processes carry RUN_OWNER_ENV in their environment.
 */
function orphansOfDeadOwners(): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      const owner = environ
        .split('\0')
        .find(v => v.startsWith(`${RUN_OWNER_ENV}=`));
      if (!owner) continue;
      const pid = Number(owner.slice(RUN_OWNER_ENV.length + 1));
      if (pid !== process.pid && !alive(pid)) found.push(Number(entry));
    } catch {
      // Gone, or another user's process: not ours.
    }
  }
  return found;
}

async function interrupt(pids: number[], graceMs: number): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 200));
  }
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export interface SweepResult {
  removed: string[];
  interrupted: number[];
}

/**
 * Removes the run dirs whose owning process is gone (and dirs without an
 * owner record), interrupting that owner's leftover terraform first so that
 * nothing writes a plan file after the sweep. Dirs of live owners (another
 * backend on the same machine) are left alone.
 */
export async function sweepPrivateRunDirs(
  options: { graceMs?: number } = {},
): Promise<SweepResult> {
  const root = privateRunRoot();
  const result: SweepResult = { removed: [], interrupted: [] };
  // First stop what dead owners left running, so nothing writes a plan file
  // into a dir after it was swept.
  const orphans = orphansOfDeadOwners();
  if (orphans.length) {
    await interrupt(orphans, options.graceMs ?? 10_000);
    result.interrupted.push(...orphans);
  }
  if (!existsSync(root)) return result;
  for (const name of readdirSync(root)) {
    const dir = join(root, name);
    let owner: number | undefined;
    try {
      owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')).pid;
    } catch {
      owner = undefined;
    }
    if (owner === process.pid || (owner !== undefined && alive(owner))) {
      continue;
    }
    rmSync(dir, { recursive: true, force: true });
    result.removed.push(dir);
  }
  return result;
}
