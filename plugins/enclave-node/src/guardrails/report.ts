/*
 * Renderings of a GuardrailReport: readable text for people and a stable JSON
 * form (sorted keys, findings in a fixed order) that diffs cleanly and can be
 * stored next to a plan.
 */
import type { GuardrailReport } from './types';
import { sortKeys } from './values';

const SOURCE_LABEL = {
  synth: 'synthesized stack',
  plan: 'terraform plan',
} as const;

export interface FormatReportOptions {
  /** Show only failed rules (used in error messages). Default false. */
  onlyFailures?: boolean;
}

/** Human-readable report: one line per rule, findings indented under it. */
export function formatReportText(
  report: GuardrailReport,
  options: FormatReportOptions = {},
): string {
  const { summary } = report;
  const allowed = report.rules.flatMap(r => r.allowedFindings ?? []).length;
  const lines = [
    `Exfiltration guardrails on the ${SOURCE_LABEL[report.source]} (${
      summary.resources
    } resources): ${
      report.passed
        ? `PASSED, all ${summary.rules} rules`
        : `FAILED, ${summary.failedRules} of ${summary.rules} rules with ${
            summary.findings
          } finding${summary.findings === 1 ? '' : 's'}`
    }${
      allowed
        ? `; ${allowed} finding${
            allowed === 1 ? '' : 's'
          } shown but allowed (plan mode only)`
        : ''
    }`,
  ];
  let functionHeading = false;
  for (const rule of report.rules) {
    if (options.onlyFailures && rule.passed) continue;
    if (rule.kind === 'function' && !functionHeading) {
      functionHeading = true;
      lines.push('Function checks (the paths a person needs are open):');
    }
    lines.push(`${rule.passed ? '[PASS]' : '[FAIL]'} ${rule.id} ${rule.title}`);
    for (const relaxation of rule.relaxations)
      lines.push(`       note: ${relaxation}`);
    for (const fact of rule.facts ?? []) lines.push(`       in use: ${fact}`);
    for (const finding of rule.allowedFindings ?? []) {
      lines.push(
        `       - [ALLOWED: ${finding.allowedBecause}] ${finding.address}: ${finding.problem}`,
      );
      lines.push(`         fix: ${finding.fix}`);
    }
    for (const finding of rule.findings) {
      lines.push(`       - ${finding.address}: ${finding.problem}`);
      lines.push(`         fix: ${finding.fix}`);
    }
    for (const path of rule.paths ?? []) {
      const state = path.closed.length === 0 ? 'open' : 'CLOSED';
      lines.push(
        `       path ${state}: ${path.from} -> ${path.to}${
          path.open.length ? `; open: ${path.open.join(', ')}` : ''
        }${path.closed.length ? `; closed: ${path.closed.join(', ')}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

/** Deterministic JSON: keys sorted, rules G1..G10, findings sorted by address. */
export function reportToJson(report: GuardrailReport): string {
  return `${JSON.stringify(sortKeys(report), null, 2)}\n`;
}
