/*
 * The exfiltration policy (G1–G10): one rule a file in ./rules, run on the
 * synthesized stack and again on the Terraform plan.
 */
export {
  checkGuardrails,
  assertGuardrails,
  GuardrailViolationError,
} from './checkGuardrails';
export { formatReportText, reportToJson } from './report';
export type { FormatReportOptions } from './report';
export { loadTerraformDocument, parseTerraformDocument } from './loadDocument';
export { TerraformDocumentError } from './documentErrors';
export type { TerraformDocumentProblem } from './documentErrors';
export { TerraformDocument } from './terraformDocument';
export type {
  TerraformResource,
  ProviderConfiguration,
} from './terraformDocument';
export { GUARDRAIL_RULES } from './rules';
export {
  renderGuardrailsMarkdown,
  updateReadmeGuardrails,
  extractReadmeGuardrails,
  README_START_MARKER,
  README_END_MARKER,
} from './readmeSection';
export { GUARDRAIL_RULE_IDS } from './types';
export type {
  GuardrailRuleId,
  GuardrailRule,
  GuardrailFinding,
  GuardrailOptions,
  GuardrailReport,
  GuardrailRuleResult,
  RuleContext,
  RuleOutcome,
  RuleFinding,
  TerraformDocumentSource,
} from './types';
