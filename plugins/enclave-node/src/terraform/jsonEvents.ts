/*
 * Terraform's machine-readable UI (`-json`): one JSON object per line. We only
 * model the fields we use; see "Machine-readable UI" in the Terraform docs.
 */

export interface TerraformResourceRef {
  addr: string;
  resource_type?: string;
  resource_name?: string;
}

export interface TerraformDiagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail?: string;
  address?: string;
  range?: { filename?: string; start?: { line?: number } };
}

export type TerraformEvent =
  | {
      type: 'planned_change';
      change: { resource: TerraformResourceRef; action: string };
    }
  | {
      type: 'change_summary';
      changes: {
        add: number;
        change: number;
        import?: number;
        remove: number;
        operation: 'plan' | 'apply' | 'destroy';
      };
    }
  | {
      type: 'apply_start' | 'apply_progress';
      hook: {
        resource: TerraformResourceRef;
        action: string;
        elapsed_seconds?: number;
      };
    }
  | {
      type: 'apply_complete';
      hook: {
        resource: TerraformResourceRef;
        action: string;
        id_key?: string;
        id_value?: string;
        elapsed_seconds: number;
      };
    }
  | {
      type: 'apply_errored';
      hook: {
        resource: TerraformResourceRef;
        action: string;
        elapsed_seconds: number;
      };
    }
  | { type: 'diagnostic'; diagnostic: TerraformDiagnostic }
  | { type: 'version' | 'log' | 'outputs' | string; '@message'?: string };

export interface TerraformEventEnvelope {
  '@level'?: string;
  '@message'?: string;
  type?: string;
}

/** Parses one stdout line; non-JSON lines (older binaries, plugins) give undefined. */
export function parseTerraformEvent(line: string): TerraformEvent | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(trimmed) as TerraformEventEnvelope &
      TerraformEvent;
    return typeof value.type === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
