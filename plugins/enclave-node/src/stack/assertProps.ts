/*
 * Early prop checks for constructs. Constructs are also used directly (tests,
 * future stacks), so they check their own props instead of trusting that the
 * spec schema ran; a message names the construct and the prop.
 */
import { parseIpv4Cidr } from '@data-enclave/plugin-enclave-common';

export class ConstructPropsError extends Error {
  constructor(construct: string, prop: string, problem: string) {
    super(`${construct}: prop '${prop}' ${problem}`);
    this.name = 'ConstructPropsError';
  }
}

export function requireNonEmpty(
  construct: string,
  prop: string,
  value: unknown,
): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConstructPropsError(
      construct,
      prop,
      'must be a non-empty string',
    );
  }
}

export function requireList(
  construct: string,
  prop: string,
  value: unknown,
  min: number,
): void {
  if (!Array.isArray(value) || value.length < min) {
    throw new ConstructPropsError(
      construct,
      prop,
      `must be a list with at least ${min} item(s)`,
    );
  }
}

export function requireCidr(
  construct: string,
  prop: string,
  value: unknown,
): void {
  const parsed = typeof value === 'string' ? parseIpv4Cidr(value) : undefined;
  if (!parsed?.ok) {
    throw new ConstructPropsError(
      construct,
      prop,
      parsed && !parsed.ok
        ? `must be an IPv4 CIDR block (${parsed.message})`
        : `must be an IPv4 CIDR block string (got ${typeof value})`,
    );
  }
}

export function requireAccountId(
  construct: string,
  prop: string,
  value: unknown,
): void {
  if (typeof value !== 'string' || !/^\d{12}$/.test(value)) {
    throw new ConstructPropsError(
      construct,
      prop,
      'must be a 12-digit AWS account id',
    );
  }
}

export function requireIntInRange(
  construct: string,
  prop: string,
  value: unknown,
  min: number,
  max: number,
): void {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw new ConstructPropsError(
      construct,
      prop,
      `must be an integer between ${min} and ${max}`,
    );
  }
}
