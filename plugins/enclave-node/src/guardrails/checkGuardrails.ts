/*
 * The engine: runs every rule over one document and builds the report.
 * `checkGuardrails` is what the provisioning pipeline calls on the
 * synthesized stack and on the plan (it logs the report, then throws
 * GuardrailViolationError itself) and what `enclave synth` and
 * `enclave check` call;
 * `assertGuardrails` is the throwing form for callers that need no log.
 */
import { guardrailsConfigSchema } from '@data-enclave/plugin-enclave-common';
import { environmentAccountId } from './accountScope';
import { loadTerraformDocument } from './loadDocument';
import { formatReportText } from './report';
import { GUARDRAIL_RULES } from './rules';
import { TerraformDocument } from './terraformDocument';
import type {
  GuardrailFinding,
  GuardrailOptions,
  GuardrailReport,
  GuardrailRuleResult,
  RuleContext,
} from './types';

/** Thrown by assertGuardrails; `report` holds every finding. */
export class GuardrailViolationError extends Error {
  constructor(readonly report: GuardrailReport) {
    super(formatReportText(report, { onlyFailures: true }));
    this.name = 'GuardrailViolationError';
  }
}

function compareFindings(a: GuardrailFinding, b: GuardrailFinding): number {
  return (
    a.address.localeCompare(b.address) ||
    a.problem.localeCompare(b.problem) ||
    a.fix.localeCompare(b.fix)
  );
}

/**
 * Runs every guardrail and function check on a synthesized `cdk.tf.json` or a `terraform show -json` plan
 * (parsed JSON or an already normalized document).
 * @throws TerraformDocumentError when `input` is not Terraform JSON.
 */
export function checkGuardrails(
  input: TerraformDocument | unknown,
  options: GuardrailOptions = {},
): GuardrailReport {
  const doc =
    input instanceof TerraformDocument ? input : loadTerraformDocument(input);
  const ctx: RuleContext = {
    doc,
    config: guardrailsConfigSchema.parse(options.config ?? {}),
    accountId: environmentAccountId(doc, options.accountId),
    approvedBundles: options.approvedBundles ?? [],
    mode: options.mode ?? 'plan',
  };
  const rules: GuardrailRuleResult[] = GUARDRAIL_RULES.map(rule => {
    const outcome = rule.check(ctx);
    // Deduplicate: two paths to the same fact must not double-count it.
    const unique = new Map<string, GuardrailFinding>();
    for (const f of outcome.findings) {
      const finding: GuardrailFinding = { ruleId: rule.id, ...f };
      unique.set(`${f.address}\u0000${f.problem}`, finding);
    }
    const findings = [...unique.values()].sort(compareFindings);
    return {
      id: rule.id,
      title: rule.title,
      rationale: rule.rationale,
      kind: rule.kind ?? 'guardrail',
      passed: findings.length === 0,
      findings,
      relaxations: [...new Set(outcome.relaxations)].sort(),
      ...(outcome.paths ? { paths: outcome.paths } : {}),
      ...(outcome.allowedFindings?.length
        ? {
            allowedFindings: outcome.allowedFindings.map(f => ({
              ruleId: rule.id,
              ...f,
            })),
          }
        : {}),
      ...(outcome.facts?.length ? { facts: outcome.facts } : {}),
    };
  });
  const failedRules = rules.filter(r => !r.passed).length;
  return {
    source: doc.source,
    passed: failedRules === 0,
    summary: {
      rules: rules.length,
      passedRules: rules.length - failedRules,
      failedRules,
      findings: rules.reduce((n, r) => n + r.findings.length, 0),
      resources: doc.managedResources.length,
    },
    rules,
  };
}

/**
 * Like checkGuardrails, but throws GuardrailViolationError when anything is
 * found. Returns the (passing) report, whose relaxations callers may show.
 */
export function assertGuardrails(
  input: TerraformDocument | unknown,
  options: GuardrailOptions = {},
): GuardrailReport {
  const report = checkGuardrails(input, options);
  if (!report.passed) throw new GuardrailViolationError(report);
  return report;
}
