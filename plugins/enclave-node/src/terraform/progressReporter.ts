/*
 * Turns the `-json` event stream into the lines a person watches in the task
 * log: `[12/47] aws_vpc.network: created (3s)`, slow-resource heartbeats, and a
 * final summary. Diagnostics are collected for error extraction.
 */
import { TerraformDiagnostic, TerraformEvent } from './jsonEvents';

const PAST_TENSE: Record<string, string> = {
  create: 'created',
  update: 'updated',
  delete: 'destroyed',
  replace: 'replaced',
  read: 'read',
  noop: 'unchanged',
};

export interface ChangeCounts {
  add: number;
  change: number;
  remove: number;
}

export class ProgressReporter {
  private total = 0;
  private done = 0;
  private failed = 0;
  private readonly diagnostics: TerraformDiagnostic[] = [];
  private summary?: ChangeCounts & { operation: string };
  private readonly lastHeartbeat = new Map<string, number>();

  constructor(
    private readonly log: (line: string) => void,
    /** Print a "still working" line for a resource at most this often. */
    private readonly heartbeatSeconds = 60,
  ) {}

  /** The number of changes to expect, e.g. from the plan's summary. */
  expect(total: number) {
    this.total = total;
  }

  handle(event: TerraformEvent): void {
    switch (event.type) {
      case 'planned_change':
        // A plan run learns its total from its own planned changes.
        if ('change' in event && event.change.action !== 'noop') this.total++;
        break;
      case 'apply_start':
        break;
      case 'apply_progress': {
        if (!('hook' in event)) break;
        const { addr } = event.hook.resource;
        const elapsed = event.hook.elapsed_seconds ?? 0;
        const last = this.lastHeartbeat.get(addr) ?? 0;
        if (elapsed - last >= this.heartbeatSeconds) {
          this.lastHeartbeat.set(addr, elapsed);
          this.log(
            `${this.counter()} ${addr}: still ${
              event.hook.action === 'delete' ? 'destroying' : 'working'
            } (${elapsed}s)`,
          );
        }
        break;
      }
      case 'apply_complete':
        if (!('hook' in event)) break;
        this.done++;
        this.log(
          `${this.counter()} ${event.hook.resource.addr}: ${
            PAST_TENSE[event.hook.action] ?? event.hook.action
          } (${event.hook.elapsed_seconds}s)`,
        );
        break;
      case 'apply_errored':
        if (!('hook' in event)) break;
        this.done++;
        this.failed++;
        this.log(
          `${this.counter()} ${event.hook.resource.addr}: FAILED to ${
            event.hook.action
          } (${event.hook.elapsed_seconds}s)`,
        );
        break;
      case 'change_summary':
        if ('changes' in event) {
          this.summary = event.changes;
          if (event.changes.operation === 'plan') {
            this.total =
              event.changes.add + event.changes.change + event.changes.remove;
          }
        }
        break;
      case 'diagnostic':
        if ('diagnostic' in event) {
          this.diagnostics.push(event.diagnostic);
          if (event.diagnostic.severity === 'warning') {
            this.log(`warning: ${event.diagnostic.summary}`);
          }
        }
        break;
      default:
        break;
    }
  }

  /** `Plan: 3 to add, 0 to change, 0 to destroy.` style line, when known. */
  summaryLine(): string | undefined {
    if (!this.summary) return undefined;
    const { add, change, remove, operation } = this.summary;
    if (operation === 'plan') {
      return `Plan: ${add} to add, ${change} to change, ${remove} to destroy.`;
    }
    const verb = operation === 'destroy' ? 'Destroy' : 'Apply';
    return `${verb} complete! Resources: ${add} added, ${change} changed, ${remove} destroyed.`;
  }

  changeSummary(): (ChangeCounts & { operation: string }) | undefined {
    return this.summary;
  }

  errors(): TerraformDiagnostic[] {
    return this.diagnostics.filter(d => d.severity === 'error');
  }

  progress(): { done: number; total: number; failed: number } {
    return { done: this.done, total: this.total, failed: this.failed };
  }

  private counter(): string {
    return `[${this.done}/${Math.max(this.total, this.done)}]`;
  }
}
