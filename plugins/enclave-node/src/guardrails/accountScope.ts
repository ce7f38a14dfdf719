/*
 * "Limited to the environment's own account", as a policy statement can say
 * it: an equality condition on an account key whose values are all the
 * environment account (or, for the resource perimeter, the configured
 * organization). Used by the endpoint (G3) and key (G9) rules.
 */
import type { PolicyStatement } from './policyDocument';
import { conditionsOn } from './policyDocument';
import type { TerraformDocument, TerraformResource } from './terraformDocument';
import type { RuleContext } from './types';

/** Operators that pin a key to listed values (the `IfExists` forms let a missing key through). */
const EQUALITY_OPERATORS = new Set(['stringequals', 'stringequalsignorecase']);

const ACCOUNT_ID = /^\d{12}$/;

/** True when `value` is provably the environment's account id. */
export function isEnvironmentAccount(
  ctx: RuleContext,
  value: unknown,
  from: TerraformResource,
): boolean {
  const state = ctx.doc.resolve(value, from);
  if (state.kind !== 'literal' || typeof state.value !== 'string') return false;
  if (!ACCOUNT_ID.test(state.value)) return false;
  return ctx.accountId === undefined || state.value === ctx.accountId;
}

/**
 * True when the statement has `StringEquals { <key>: [<env account>…] }` for
 * one of `keys`.
 */
export function isScopedToAccount(
  ctx: RuleContext,
  statement: PolicyStatement,
  keys: readonly string[],
  from: TerraformResource,
): boolean {
  return keys.some(key =>
    conditionsOn(statement, key).some(
      c =>
        EQUALITY_OPERATORS.has(c.test.toLowerCase()) &&
        c.values.length > 0 &&
        c.values.every(v => isEnvironmentAccount(ctx, v, from)),
    ),
  );
}

/**
 * True when the statement has `StringEquals { <key>: [<org>…] }` where every
 * value is exactly `organizationId` (the configured organization).
 */
export function isScopedToOrganization(
  ctx: RuleContext,
  statement: PolicyStatement,
  key: string,
  organizationId: string | undefined,
  from: TerraformResource,
): boolean {
  if (!organizationId) return false;
  return conditionsOn(statement, key).some(
    c =>
      EQUALITY_OPERATORS.has(c.test.toLowerCase()) &&
      c.values.length > 0 &&
      c.values.every(v => {
        const state = ctx.doc.resolve(v, from);
        return state.kind === 'literal' && state.value === organizationId;
      }),
  );
}

/** True when every principal is an IAM ARN (or account id) of the environment account. */
export function principalsInAccount(
  ctx: RuleContext,
  statement: PolicyStatement,
  from: TerraformResource,
): boolean {
  if (statement.principals.length === 0 || statement.notPrincipals.length > 0)
    return false;
  return statement.principals.every(
    p =>
      p.type === 'AWS' &&
      p.identifiers.length > 0 &&
      p.identifiers.every(id => {
        const state = ctx.doc.resolve(id, from);
        if (state.kind !== 'literal' || typeof state.value !== 'string')
          return false;
        const account =
          /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(state.value)?.[1] ??
          state.value;
        return isEnvironmentAccount(ctx, account, from);
      }),
  );
}

/** The environment account from options, else the aws provider's `allowed_account_ids` when it names one. */
export function environmentAccountId(
  doc: TerraformDocument,
  explicit: string | undefined,
): string | undefined {
  if (explicit) return explicit;
  const accounts = new Set<string>();
  for (const provider of doc.providers) {
    if (!provider.key.startsWith('aws')) continue;
    const ids = provider.values.allowed_account_ids;
    if (Array.isArray(ids)) {
      for (const id of ids)
        if (typeof id === 'string' && ACCOUNT_ID.test(id)) accounts.add(id);
    }
  }
  if (accounts.size === 1) return [...accounts][0];
  // Plan-mode stacks carry no allowed_account_ids; fall back to the one
  // account the stack's ARNs and account conditions name, if there is one.
  const named = accountsNamedIn(doc);
  return named.length === 1 ? named[0] : undefined;
}

const ARN_ACCOUNT = /arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12}):/g;
const CONDITION_ACCOUNT = /Account"\s*:\s*\[?\s*"(\d{12})"/g;

/**
 * Every 12-digit account that appears in an ARN or an account condition
 * anywhere in the stack, sorted. More than one means the policies mix accounts.
 */
export function accountsNamedIn(doc: TerraformDocument): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(ARN_ACCOUNT)) found.add(m[1]);
      for (const m of value.matchAll(CONDITION_ACCOUNT)) found.add(m[1]);
      if (key === 'allowed_account_ids' && ACCOUNT_ID.test(value))
        found.add(value);
    } else if (Array.isArray(value)) {
      value.forEach(v => visit(v, key));
    } else if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      // aws_iam_policy_document condition blocks: { variable, values }.
      if (
        typeof obj.variable === 'string' &&
        /account$/i.test(obj.variable) &&
        Array.isArray(obj.values)
      ) {
        for (const v of obj.values)
          if (typeof v === 'string' && ACCOUNT_ID.test(v)) found.add(v);
      }
      for (const [k, v] of Object.entries(obj)) visit(v, k);
    }
  };
  for (const resource of doc.resources) visit(resource.values);
  return [...found].sort();
}
