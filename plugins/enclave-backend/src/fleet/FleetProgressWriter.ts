/*
 * Batches a run's progress into one write at most every `intervalMs`: the
 * fleet reports every phase of every environment (synth, init, plan… times
 * the concurrency), and a write per phase would make the run's row the
 * busiest in the database. The view polls, so a second of latency is
 * invisible; each write carries every environment's newest step.
 */
import type {
  FleetProgress,
  FleetRunProgress,
} from '@data-enclave/plugin-enclave-common';

export class FleetProgressWriter {
  private readonly latest: Record<string, FleetRunProgress> = {};
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (
      progress: Record<string, FleetRunProgress>,
    ) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 1000,
  ) {}

  /** The library's onProgress: remembered now, written with the next batch. */
  readonly record = (progress: FleetProgress): void => {
    this.latest[progress.environmentId] = {
      ...progress,
      at: new Date().toISOString(),
    };
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
    this.timer.unref();
  };

  /** Every environment's newest step. */
  snapshot(): Record<string, FleetRunProgress> {
    return { ...this.latest };
  }

  /** Writes what is pending (after the previous write, never beside it). */
  flush(): Promise<void> {
    const snapshot = this.snapshot();
    this.writing = this.writing
      .then(() => this.write(snapshot))
      .then(
        () => undefined,
        error => this.onError(error),
      );
    return this.writing;
  }

  /** Stops batching; the caller writes the final snapshot with the outcome. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.writing;
  }
}
