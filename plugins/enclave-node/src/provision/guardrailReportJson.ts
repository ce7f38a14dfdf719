import type { GuardrailReportJson } from '@data-enclave/plugin-enclave-common';
import type { GuardrailReport } from '../guardrails';

/** The registry/card form of a guardrail report (see enclave-common). */
export function toGuardrailReportJson(
  report: GuardrailReport,
): GuardrailReportJson {
  return {
    passed: report.passed,
    source: report.source,
    rules: report.rules.map(rule => ({
      id: rule.id,
      title: rule.title,
      rationale: rule.rationale,
      passed: rule.passed,
      relaxations: rule.relaxations,
      findings: rule.findings.map(f => ({
        address: f.address,
        message: f.problem,
        fix: f.fix,
      })),
      ...(rule.allowedFindings
        ? {
            allowedFindings: rule.allowedFindings.map(f => ({
              address: f.address,
              message: f.problem,
              fix: f.fix,
              allowedBecause: f.allowedBecause,
            })),
          }
        : {}),
      ...(rule.facts ? { facts: rule.facts } : {}),
    })),
  };
}
