/*
 * The backend's view of its running terraform processes: which are alive, and
 * one call that interrupts them all when the backend shuts down (the
 * scaffolder module registers it as a lifecycle shutdown hook).
 */
import { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let shuttingDown = false;

/** Called by spawnTerraform for each watchdog it starts. */
export function superviseTerraform(watchdog: ChildProcess): void {
  live.add(watchdog);
  watchdog.once('close', () => live.delete(watchdog));
}

/** True once interruptAllTerraform ran: runs stopped now say "shutdown". */
export function isTerraformShuttingDown(): boolean {
  return shuttingDown;
}

/** How many terraform commands this process is running. */
export function runningTerraformCount(): number {
  return live.size;
}

/**
 * Interrupts every running terraform (SIGINT through its watchdog, so state
 * is saved and the lock released) and waits for them to exit, at most
 * `graceMs`; stragglers are killed. Resolves when none is left.
 */
export async function interruptAllTerraform(graceMs = 30_000): Promise<void> {
  shuttingDown = true;
  const children = [...live];
  if (children.length === 0) return;
  await Promise.all(
    children.map(
      child =>
        new Promise<void>(resolvePromise => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolvePromise();
            return;
          }
          const timer = setTimeout(() => child.kill('SIGTERM'), graceMs);
          child.once('close', () => {
            clearTimeout(timer);
            resolvePromise();
          });
          child.kill('SIGINT');
        }),
    ),
  );
}
