/*
 * The value model shared by both document shapes. Attribute values are plain
 * JSON in which a string may be a `${…}` template and a leaf may be an
 * UnknownValue (a plan value that Terraform will only learn at apply and for
 * which the configuration holds no expression we can read).
 *
 * `AttributeState` is what rules look at: a value is absent, a literal known
 * now, an expression that refers to other objects, or unknown.
 */
import type { TerraformReference } from './expressions';

/** A value that is unknown until apply, with what it depends on. */
export class UnknownValue {
  constructor(readonly references: string[] = []) {}
}

export type AttributeState =
  | { kind: 'absent' }
  | { kind: 'literal'; value: unknown }
  /** A template we could not reduce to a literal; `reference` is set when it is exactly one reference. */
  | {
      kind: 'expression';
      expression: string;
      references: TerraformReference[];
      reference?: TerraformReference;
    }
  | { kind: 'unknown'; references: string[] };

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof UnknownValue)
  );
}

/**
 * Nested blocks come as an array of objects in plans and usually in cdk.tf.json,
 * but Terraform JSON syntax also allows a single object; accept both.
 */
export function asBlocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** A scalar-or-list attribute as a list (IAM allows `"Action": "s3:*"`). */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads a dotted path through objects and block lists (first block wins). */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (Array.isArray(current)) {
      const index = Number(key);
      current = Number.isInteger(index)
        ? current[index]
        : asBlocks(current)[0]?.[key];
    } else if (isObject(current)) {
      current = current[key];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Stable, key-sorted JSON used for messages and report serialization. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

export function sortKeys(value: unknown): unknown {
  if (value instanceof UnknownValue) return '(known after apply)';
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map(k => [k, sortKeys(value[k])]),
    );
  }
  return value;
}
