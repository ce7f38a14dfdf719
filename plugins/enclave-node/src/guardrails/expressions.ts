/*
 * Terraform JSON-syntax strings are templates: `"${aws_vpc.main.cidr_block}"`,
 * `"${aws_s3_bucket.data.arn}/*"` or `"${jsonencode({...})}"`. Both shapes we read
 * carry them: `cdk.tf.json` directly, and a plan's `configuration` section, which
 * reports JSON-syntax expressions verbatim as `constant_value`. This file finds
 * the interpolations and the resource addresses they mention; it never evaluates
 * HCL, so anything beyond a plain reference stays an opaque expression.
 */

/** A reference to an attribute of another object in the configuration. */
export interface TerraformReference {
  /** `aws_vpc.main`, `data.aws_iam_policy_document.x`, `var.cidr`, `local.tags`. */
  address: string;
  /** Attribute path after the address, e.g. `['cidr_block']`; may be empty. */
  attribute: string[];
  /** Source text of the reference, e.g. `aws_vpc.main.cidr_block`. */
  text: string;
}

export interface TemplatePart {
  /** Literal text before the interpolation (already unescaped). */
  literal: string;
  /** The expression inside `${…}`, or undefined for trailing literal text. */
  expression?: string;
}

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const INDEX = String.raw`(?:\[(?:\d+|"[^"]*")\])?`;
const RESOURCE_REF = new RegExp(
  `^(?:(data)\\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\\.(${NAME})(${INDEX})((?:\\.${NAME}${INDEX})*)$`,
);
const OTHER_REF = new RegExp(
  `^(var|local|module)\\.(${NAME})((?:\\.${NAME})*)$`,
);
const REFERENCE_SCAN = new RegExp(
  `(?<![A-Za-z0-9_.])(?:data\\.)?(?:[a-z][a-z0-9]*_[a-z0-9_]+|var|local|module)\\.${NAME}${INDEX}(?:\\.${NAME}${INDEX})*`,
  'g',
);

/** True when the string contains at least one `${…}` interpolation. */
export function isTemplate(value: unknown): value is string {
  return (
    typeof value === 'string' && splitTemplate(value).some(p => p.expression)
  );
}

/**
 * Splits a template into literal text and interpolations, honouring `$${` as
 * an escaped literal `${` and nested braces/strings inside an interpolation.
 */
export function splitTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const end = findClosingBrace(text, i + 2);
    if (end < 0) {
      // Unterminated: Terraform would reject it; keep it as literal text.
      literal += text.slice(i);
      break;
    }
    parts.push({ literal, expression: text.slice(i + 2, end).trim() });
    literal = '';
    i = end + 1;
  }
  if (literal || parts.length === 0) parts.push({ literal });
  return parts;
}

function findClosingBrace(text: string, from: number): number {
  let depth = 0;
  let quote = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

/** Parses an expression that is nothing but a reference; undefined otherwise. */
export function parseReference(
  expression: string,
): TerraformReference | undefined {
  const text = expression.trim();
  const res = RESOURCE_REF.exec(text);
  if (res) {
    const [, data, type, name, index, rest] = res;
    const address = `${data ? 'data.' : ''}${type}.${name}${index}`;
    return { address, attribute: splitPath(rest), text };
  }
  const other = OTHER_REF.exec(text);
  if (other) {
    const [, kind, name, rest] = other;
    return { address: `${kind}.${name}`, attribute: splitPath(rest), text };
  }
  return undefined;
}

function splitPath(rest: string): string[] {
  return rest
    .split('.')
    .filter(Boolean)
    .flatMap(seg => {
      const m = /^([^[]+)\[(\d+)\]$/.exec(seg);
      return m ? [m[1], m[2]] : [seg];
    });
}

/** When the whole string is exactly `${<reference>}`, that reference. */
export function pureReference(value: string): TerraformReference | undefined {
  const parts = splitTemplate(value);
  if (parts.length !== 1 || parts[0].literal !== '' || !parts[0].expression) {
    return undefined;
  }
  return parseReference(parts[0].expression);
}

/** Every reference mentioned anywhere inside a template string. */
export function referencesInTemplate(value: string): TerraformReference[] {
  const found = new Map<string, TerraformReference>();
  for (const part of splitTemplate(value)) {
    if (!part.expression) continue;
    const direct = parseReference(part.expression);
    const candidates = direct
      ? [direct.text]
      : stripStrings(part.expression).match(REFERENCE_SCAN) ?? [];
    for (const candidate of candidates) {
      const ref = parseReference(candidate);
      if (ref && !found.has(ref.text)) found.set(ref.text, ref);
    }
  }
  return [...found.values()];
}

/** Blanks out quoted strings so `"aws_vpc.x"` inside an HCL string is not a reference. */
function stripStrings(expression: string): string {
  return expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}
