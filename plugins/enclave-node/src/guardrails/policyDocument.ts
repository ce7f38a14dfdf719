/*
 * Reads IAM-style policies (endpoint, bucket and key policies) from an
 * attribute, whichever way the stack wrote them:
 *  - a JSON string, possibly with `${…}` interpolations inside string values
 *    (what `JSON.stringify` + CDKTF tokens produce, and what a plan's
 *    configuration reports while the value is unknown);
 *  - a reference to `data.aws_iam_policy_document.<x>.json`, whose statement
 *    blocks are readable in cdk.tf.json and, leaf by leaf, in a plan.
 * Anything else (e.g. `${jsonencode(…)}` that Terraform has not evaluated yet)
 * cannot be verified, and the rules report that rather than guess.
 */
import type { TerraformDocument, TerraformResource } from './terraformDocument';
import { JsonObject, asBlocks, asList, isObject } from './values';

export interface PolicyPrincipal {
  /** `*`, `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  type: string;
  identifiers: unknown[];
}

export interface PolicyCondition {
  /** Operator, e.g. `StringEquals`, `ArnNotLike`, `Bool`. */
  test: string;
  /** Condition key as written, e.g. `aws:SourceVpce`. */
  variable: string;
  values: unknown[];
}

export interface PolicyStatement {
  sid?: string;
  effect: string;
  principals: PolicyPrincipal[];
  notPrincipals: PolicyPrincipal[];
  actions: unknown[];
  notActions: unknown[];
  resources: unknown[];
  notResources: unknown[];
  conditions: PolicyCondition[];
}

export type PolicyReadResult =
  | { kind: 'absent' }
  | { kind: 'policy'; statements: PolicyStatement[]; from: TerraformResource }
  | { kind: 'unverifiable'; reason: string };

const POLICY_DOCUMENT_TYPE = 'aws_iam_policy_document';

/** Reads the policy held in `resource.values[attribute]`. */
export function readPolicy(
  doc: TerraformDocument,
  resource: TerraformResource,
  attribute = 'policy',
): PolicyReadResult {
  return readPolicyValue(doc, resource, resource.values[attribute]);
}

function readPolicyValue(
  doc: TerraformDocument,
  from: TerraformResource,
  raw: unknown,
): PolicyReadResult {
  const state = doc.resolve(raw, from);
  if (state.kind === 'absent') return { kind: 'absent' };
  if (state.kind === 'unknown') {
    return {
      kind: 'unverifiable',
      reason: 'the policy is only known after apply',
    };
  }
  if (state.kind === 'literal') {
    return parseJsonPolicy(state.value, from);
  }
  const ref = state.reference;
  if (ref) {
    const target = doc.find(ref.address, from);
    if (target?.type === POLICY_DOCUMENT_TYPE && target.mode === 'data') {
      return readPolicyDocumentData(target);
    }
    return {
      kind: 'unverifiable',
      reason: `the policy is \`${ref.text}\`, which cannot be read inside this document`,
    };
  }
  // A JSON string with interpolations inside string values still parses.
  const parsed = parseJsonPolicy(state.expression, from);
  if (parsed.kind === 'policy') return parsed;
  return {
    kind: 'unverifiable',
    reason: `the policy is an expression (${truncate(
      state.expression,
    )}) rather than a JSON document`,
  };
}

function parseJsonPolicy(
  value: unknown,
  from: TerraformResource,
): PolicyReadResult {
  let json: unknown = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value);
    } catch {
      return { kind: 'unverifiable', reason: 'the policy is not valid JSON' };
    }
  }
  if (!isObject(json))
    return { kind: 'unverifiable', reason: 'the policy is not a JSON object' };
  const statements = asList(json.Statement)
    .filter(isObject)
    .map(fromJsonStatement);
  return { kind: 'policy', statements, from };
}

function fromJsonStatement(s: JsonObject): PolicyStatement {
  return {
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: typeof s.Effect === 'string' ? s.Effect : String(s.Effect),
    principals: jsonPrincipals(s.Principal),
    notPrincipals: jsonPrincipals(s.NotPrincipal),
    actions: asList(s.Action),
    notActions: asList(s.NotAction),
    resources: asList(s.Resource),
    notResources: asList(s.NotResource),
    conditions: jsonConditions(s.Condition),
  };
}

function jsonPrincipals(value: unknown): PolicyPrincipal[] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) return [{ type: '*', identifiers: [value] }];
  return Object.entries(value).map(([type, ids]) => ({
    type,
    identifiers: asList(ids),
  }));
}

function jsonConditions(value: unknown): PolicyCondition[] {
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([test, byKey]) =>
    isObject(byKey)
      ? Object.entries(byKey).map(([variable, values]) => ({
          test,
          variable,
          values: asList(values),
        }))
      : [],
  );
}

function readPolicyDocumentData(data: TerraformResource): PolicyReadResult {
  const merged = [
    'source_policy_documents',
    'override_policy_documents',
    'source_json',
    'override_json',
  ].filter(key => asList(data.values[key]).length > 0);
  if (merged.length > 0) {
    return {
      kind: 'unverifiable',
      reason: `${data.address} merges other documents (${merged.join(
        ', ',
      )}); write all statements in one policy document`,
    };
  }
  const statements = asBlocks(data.values.statement).map(block => ({
    sid: typeof block.sid === 'string' ? block.sid : undefined,
    effect: typeof block.effect === 'string' ? block.effect : 'Allow',
    principals: blockPrincipals(block.principals),
    notPrincipals: blockPrincipals(block.not_principals),
    actions: asList(block.actions),
    notActions: asList(block.not_actions),
    resources: asList(block.resources),
    notResources: asList(block.not_resources),
    conditions: asBlocks(block.condition).map(c => ({
      test: String(c.test),
      variable: String(c.variable),
      values: asList(c.values),
    })),
  }));
  return { kind: 'policy', statements, from: data };
}

function blockPrincipals(value: unknown): PolicyPrincipal[] {
  return asBlocks(value).map(p => ({
    type: String(p.type),
    identifiers: asList(p.identifiers),
  }));
}

/** True when the statement applies to anyone (`"*"` or `{"AWS": "*"}`). */
export function isAnyPrincipal(statement: PolicyStatement): boolean {
  if (
    statement.principals.length === 0 &&
    statement.notPrincipals.length === 0
  ) {
    // Endpoint policies may omit Principal; AWS then treats it as everyone.
    return true;
  }
  if (statement.notPrincipals.length > 0) return true;
  return statement.principals.some(
    p =>
      (p.type === '*' || p.type === 'AWS') &&
      p.identifiers.some(id => id === '*'),
  );
}

/** Conditions on one key (case-insensitive, as IAM treats condition keys). */
export function conditionsOn(
  statement: PolicyStatement,
  key: string,
): PolicyCondition[] {
  return statement.conditions.filter(
    c => c.variable.toLowerCase() === key.toLowerCase(),
  );
}

/** True when an action pattern list grants everything, e.g. `*` or `s3:*`. */
export function hasWildcardAction(
  actions: readonly unknown[],
  service?: string,
): boolean {
  return actions.some(
    a =>
      a === '*' ||
      (service !== undefined && String(a).toLowerCase() === `${service}:*`),
  );
}

/** Shortens a long expression for a message. */
export function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
