/*
 * The vocabulary of the exfiltration policy: rules, findings, options and the
 * report. Rules are pure functions over a normalized TerraformDocument, so the
 * same rule object runs at synth time and at plan time.
 */
import type { GuardrailsConfig } from '@data-enclave/plugin-enclave-common';
import type { TerraformDocument } from './terraformDocument';

export const GUARDRAIL_RULE_IDS = [
  'G1',
  'G2',
  'G3',
  'G4',
  'G5',
  'G6',
  'G7',
  'G8',
  'G9',
  'G10',
] as const;
export type GuardrailRuleId = (typeof GUARDRAIL_RULE_IDS)[number];

/** One thing wrong with one resource, phrased for the person who must fix it. */
export interface GuardrailFinding {
  ruleId: GuardrailRuleId;
  /** Terraform address, e.g. `aws_route.private_default` or `provider.aws`. */
  address: string;
  /** What is wrong. */
  problem: string;
  /** How to fix it. */
  fix: string;
}

/** A finding before the engine stamps the rule id on it. */
export type RuleFinding = Omit<GuardrailFinding, 'ruleId'>;

/** Knobs a platform team may legitimately turn; every turn shows in the report. */
export interface GuardrailOptions {
  /** `dataEnclave.guardrails` config. Missing keys take the strict default. */
  config?: Partial<GuardrailsConfig>;
  /**
   * The environment's AWS account. When omitted it is read from the provider's
   * `allowed_account_ids`; when neither is known, account-equality checks only
   * require a literal 12-digit account instead of a specific one.
   */
  accountId?: string;
}

/** What a rule sees: the document plus resolved options. */
export interface RuleContext {
  doc: TerraformDocument;
  config: GuardrailsConfig;
  accountId?: string;
}

export interface RuleOutcome {
  findings: RuleFinding[];
  /** Human sentences describing how config weakened this rule, if it did. */
  relaxations: string[];
}

export interface GuardrailRule {
  id: GuardrailRuleId;
  title: string;
  /** One or two sentences shown to users: why the rule exists. */
  rationale: string;
  check(ctx: RuleContext): RuleOutcome;
}

export interface GuardrailRuleResult {
  id: GuardrailRuleId;
  title: string;
  rationale: string;
  passed: boolean;
  findings: GuardrailFinding[];
  relaxations: string[];
}

export type TerraformDocumentSource = 'synth' | 'plan';

export interface GuardrailReport {
  /** Which shape was checked: synthesized `cdk.tf.json` or `terraform show -json`. */
  source: TerraformDocumentSource;
  passed: boolean;
  summary: {
    rules: number;
    passedRules: number;
    failedRules: number;
    findings: number;
    resources: number;
  };
  /** Always G1..G10 in order. */
  rules: GuardrailRuleResult[];
}
