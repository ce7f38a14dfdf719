/*
 * The vocabulary of the exfiltration policy: rules, findings, options and the
 * report. Rules are pure functions over a normalized TerraformDocument, so the
 * same rule object runs at synth time and at plan time.
 */
import type {
  ApprovedBundle,
  EnclaveMode,
  GuardrailsConfig,
} from '@data-enclave/plugin-enclave-common';
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
  'G11',
  'G12',
  // Function checks: the paths a person needs are open (reachability/).
  'F1',
  'F2',
  'F3',
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

/**
 * A finding that is shown but does not fail the rule, with the reason it is
 * tolerated here (G12's "not configured" in plan mode). Never in apply mode.
 */
export interface AllowedFinding extends GuardrailFinding {
  allowedBecause: string;
}

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
  /**
   * `dataEnclave.workspaces.approvedBundles` (G12). Omitted or empty: session
   * lock-down is not configured, which only plan mode tolerates.
   */
  approvedBundles?: readonly ApprovedBundle[];
  /** `dataEnclave.mode`. Default `plan`; `apply` turns tolerated findings into failures. */
  mode?: EnclaveMode;
}

/** What a rule sees: the document plus resolved options. */
export interface RuleContext {
  doc: TerraformDocument;
  config: GuardrailsConfig;
  accountId?: string;
  approvedBundles: readonly ApprovedBundle[];
  mode: EnclaveMode;
}

export interface RuleOutcome {
  findings: RuleFinding[];
  /** Human sentences describing how config weakened this rule, if it did. */
  relaxations: string[];
  /** Function checks only: every path the check looked at, open or not. */
  paths?: ReachabilityPath[];
  /** Findings shown but tolerated, each saying why (see AllowedFinding). */
  allowedFindings?: Array<RuleFinding & { allowedBecause: string }>;
  /** What the rule established, for the report (G12: the bundle in use and its lock-down). */
  facts?: string[];
}

/** One must-work network path and the ports found open and closed on it. */
export interface ReachabilityPath {
  /** `desktop (aws_security_group.x)`. */
  from: string;
  /** `EMR primary (aws_security_group.y)`. */
  to: string;
  /** Required ports that are open, e.g. `tcp 8998 (Livy server)`. */
  open: string[];
  /** Required ports that are closed. */
  closed: string[];
}

export interface GuardrailRule {
  id: GuardrailRuleId;
  /**
   * `guardrail` (default): the stack is sealed. `function`: the stack works
   * (a path a person needs is open); both fail synth and the plan gate.
   */
  kind?: 'guardrail' | 'function';
  title: string;
  /** One or two sentences shown to users: why the rule exists. */
  rationale: string;
  check(ctx: RuleContext): RuleOutcome;
}

export interface GuardrailRuleResult {
  id: GuardrailRuleId;
  title: string;
  rationale: string;
  kind: 'guardrail' | 'function';
  passed: boolean;
  findings: GuardrailFinding[];
  relaxations: string[];
  /** Function checks: the must-work paths with their open and closed ports. */
  paths?: ReachabilityPath[];
  /** Shown, not failing (present only when there are some). */
  allowedFindings?: AllowedFinding[];
  /** Present only when the rule reported some (G12: bundle and lock-down). */
  facts?: string[];
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
