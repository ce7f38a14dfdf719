/*
 * Small helpers that turn attribute states into the words used in findings,
 * so every rule phrases "unknown" and "reference" the same way.
 */
import type { AttributeState } from './values';
import { stableStringify } from './values';
import { truncate } from './policyDocument';

/** `"10.0.0.0/16"`, `${aws_vpc.main.id}`, `(known after apply)`, `(not set)`. */
export function describeState(state: AttributeState): string {
  switch (state.kind) {
    case 'absent':
      return '(not set)';
    case 'literal':
      return truncate(
        typeof state.value === 'string'
          ? `"${state.value}"`
          : stableStringify(state.value),
      );
    case 'expression':
      return truncate(state.expression);
    case 'unknown':
      return state.references.length
        ? `(known after apply; depends on ${state.references.join(', ')})`
        : '(known after apply)';
    default:
      return '(unreadable)';
  }
}

/** Joins a list for a sentence: `a, b and c`. */
export function listSentence(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
