/*
 * Short, actionable errors from Terraform diagnostics: which resource, and
 * what AWS said, instead of a wall of stderr.
 */
import { TerraformDiagnostic } from './jsonEvents';

export class TerraformCommandError extends Error {
  constructor(
    readonly command: string,
    message: string,
    readonly diagnostics: TerraformDiagnostic[] = [],
    readonly exitCode: number | null = null,
  ) {
    super(message);
    this.name = 'TerraformCommandError';
  }
}

export class TerraformCancelledError extends Error {
  constructor(
    readonly command: string,
    readonly reason: 'abort' | 'timeout' | 'shutdown',
  ) {
    super(
      {
        abort: `terraform ${command} was cancelled (interrupted so that it could save state and release its lock)`,
        timeout: `terraform ${command} exceeded its time limit (dataEnclave.terraform.timeouts) and was stopped`,
        shutdown: `terraform ${command} was interrupted because the backend is shutting down (it saved state and released its lock); run the task again`,
      }[reason],
    );
    this.name = 'TerraformCancelledError';
  }
}

const AWS_ERROR =
  /(?:api error|StatusCode: \d+, RequestID: [\w-]+, )([A-Za-z.]+(?:Exception|Error|Fault)?:[^\n]*)/;

/** One line per error diagnostic: `aws_vpc.network: creating EC2 VPC: UnauthorizedOperation: …`. */
export function describeDiagnostics(
  diagnostics: TerraformDiagnostic[],
): string {
  return diagnostics
    .filter(d => d.severity === 'error')
    .map(d => {
      const where = d.address ? `${d.address}: ` : '';
      const awsError = d.detail?.match(AWS_ERROR)?.[1]?.trim();
      const detail = awsError ?? firstLine(d.detail);
      return `${where}${d.summary}${detail ? ` — ${detail}` : ''}`;
    })
    .join('\n');
}

/** The holder of a state lock, as terraform prints it. */
export interface StateLockInfo {
  id: string;
  operation?: string;
  who?: string;
  created?: string;
}

/**
 * Finds terraform's "Error acquiring the state lock" and its `Lock Info:`
 * block (format: hashicorp/terraform internal/states/statemgr/locker.go,
 * LockInfo.String: `ID:`, `Path:`, `Operation:`, `Who:`, `Version:`,
 * `Created:`), in the -json diagnostics or in stderr.
 */
export function findStateLock(raw: string): StateLockInfo | undefined {
  // Human-readable output frames diagnostics with box-drawing characters.
  const text = raw.replace(/[│╷╵]/g, '');
  if (!/Error acquiring the state lock/i.test(text)) return undefined;
  const field = (name: string) =>
    new RegExp(`^\\s*${name}:\\s*(.*?)\\s*$`, 'm').exec(text)?.[1] || undefined;
  const id = field('ID');
  if (!id) return undefined;
  return {
    id,
    operation: field('Operation'),
    who: field('Who'),
    created: field('Created'),
  };
}

/**
 * What a user reads when the state is locked: who holds it, and when a
 * force-unlock is safe. Never done automatically: only a person (or the
 * reconciler's verdict that the owning task is dead) can know that nothing
 * still writes this state.
 */
export function describeStateLock(lock: StateLockInfo): string {
  return `the state is locked by ${lock.who ?? 'an unknown holder'} (${
    lock.operation ?? 'unknown operation'
  }, since ${lock.created ?? 'an unknown time'}, lock ID ${
    lock.id
  }). If the environment is still busy, another task is running: wait for it. If it is not (the reconciler released a dead task), the lock is stale: run \`terraform force-unlock ${
    lock.id
  }\` in the environment's working dir (S3: delete the .tflock object), then run this task again (docs/operations.md, section 8)`;
}

/** When terraform did not emit JSON diagnostics (e.g. a CLI usage error), use stderr. */
export function summarizeStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map(l => l.replace(/[│╷╵]/g, '').trim())
    .filter(Boolean);
  const error = lines.findIndex(l => l.startsWith('Error:'));
  return (error >= 0 ? lines.slice(error, error + 4) : lines.slice(-4)).join(
    ' ',
  );
}

function firstLine(text?: string): string | undefined {
  return text
    ?.split('\n')
    .find(l => l.trim())
    ?.trim();
}
