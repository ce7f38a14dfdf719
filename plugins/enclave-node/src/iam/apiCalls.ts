/*
 * The shape of the deployer call list: one IAM-authorized AWS API call, the
 * resource it is made on, and the request context AWS adds to it. The lists
 * themselves are facts read from sources (providerCalls.ts from the
 * hashicorp/aws 5.100.0 provider, sdkCalls.ts from our own SDK code); the
 * policy in docs/iam-policy.json is judged against them by iam-simulate in
 * deployerPolicy.test.ts. Nothing here decides what is allowed.
 */

/** When the caller makes the call: Terraform's CRUD phases, or the SDK step. */
export type CallPhase = 'create' | 'read' | 'update' | 'delete' | 'sdk';

export interface ApiCall {
  /** IAM action checked by AWS, e.g. `s3:ListBucket`. */
  action: string;
  /** API operation, when its name differs from the action (e.g. `HeadBucket` → `s3:ListBucket`). */
  api?: string;
  /**
   * Resource ARN the request is authorized against, with placeholders
   * `{region}`, `{account}` and `{name}` (the environment's resource-name
   * prefix, `enclave-<name>-<hash>`); `*` for actions without resource types.
   */
  resource: string;
  /** Phases in which the call is made. */
  on: CallPhase[];
  /** Request context keys AWS sets on this call (values may use the placeholders). */
  context?: Record<string, string | string[]>;
  /** Why the call happens, when it is not the obvious CRUD call. */
  why?: string;
}

/** Values substituted into ARN templates and context values. */
export interface CallEnvironment {
  region: string;
  account: string;
  /** Resource-name prefix of the environment, `enclave-<name>-<hash>`. */
  name: string;
}

/** Fills `{region}`, `{account}` and `{name}` in a template. */
export function fillTemplate(template: string, env: CallEnvironment): string {
  return template
    .replace(/\{region\}/g, env.region)
    .replace(/\{account\}/g, env.account)
    .replace(/\{name\}/g, env.name);
}

/** The call's context with every placeholder filled. */
export function fillContext(
  context: ApiCall['context'],
  env: CallEnvironment,
): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(context ?? {}).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? value.map(v => fillTemplate(v, env))
        : fillTemplate(value, env),
    ]),
  );
}
