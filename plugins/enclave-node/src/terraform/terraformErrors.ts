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
