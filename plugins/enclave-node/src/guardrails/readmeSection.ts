/*
 * The README's "Guardrails" table is rendered from the rule objects, and a
 * test checks README.md holds exactly this block, so docs cannot drift from
 * code. Regenerate with `yarn enclave guardrails --markdown --write`.
 */
import { GUARDRAIL_RULES } from './rules';

export const README_START_MARKER = '<!-- guardrails:start -->';
export const README_END_MARKER = '<!-- guardrails:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The markdown block between the markers (markers included). */
export function renderGuardrailsMarkdown(): string {
  const rows = GUARDRAIL_RULES.map(
    r => `| ${r.id} | ${cell(r.title)} | ${cell(r.rationale)} |`,
  );
  return [
    README_START_MARKER,
    '<!-- Generated from plugins/enclave-node/src/guardrails/rules; run `yarn enclave guardrails --markdown --write` after changing a rule. -->',
    '',
    '| Rule | Title | Why |',
    '| ---- | ----- | --- |',
    ...rows,
    '',
    README_END_MARKER,
  ].join('\n');
}

/**
 * Returns `readme` with the generated block replaced (or, when the markers are
 * missing, appended as a new "## Guardrails" section).
 */
export function updateReadmeGuardrails(readme: string): string {
  const block = renderGuardrailsMarkdown();
  const start = readme.indexOf(README_START_MARKER);
  const end = readme.indexOf(README_END_MARKER);
  if (start >= 0 && end > start) {
    return (
      readme.slice(0, start) +
      block +
      readme.slice(end + README_END_MARKER.length)
    );
  }
  const intro =
    'Every stack is checked against these rules twice: when it is synthesized (synth fails) and on the `terraform plan` JSON (apply is refused). Check any file with `yarn enclave check <cdk.tf.json | plan.json>`.';
  // Exactly one blank line between the existing text and the new section.
  let separator = '\n\n';
  if (readme.length === 0 || readme.endsWith('\n\n')) separator = '';
  else if (readme.endsWith('\n')) separator = '\n';
  return `${readme}${separator}## Guardrails\n\n${intro}\n\n${block}\n`;
}

/** The generated block currently in `readme`, or undefined when the markers are missing. */
export function extractReadmeGuardrails(readme: string): string | undefined {
  const start = readme.indexOf(README_START_MARKER);
  const end = readme.indexOf(README_END_MARKER);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start, end + README_END_MARKER.length);
}
