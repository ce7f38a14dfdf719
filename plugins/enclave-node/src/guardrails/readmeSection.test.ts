/*
 * README.md at the repo root must hold exactly the block rendered from the
 * rule objects. After changing a rule, run
 * `yarn enclave guardrails --markdown --write`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  README_END_MARKER,
  README_START_MARKER,
  extractReadmeGuardrails,
  renderGuardrailsMarkdown,
  updateReadmeGuardrails,
} from './readmeSection';
import { GUARDRAIL_RULES } from './rules';

const README = resolve(__dirname, '../../../../README.md');

describe('README Guardrails section', () => {
  it('lists every rule with its rationale', () => {
    const block = renderGuardrailsMarkdown();
    expect(block.startsWith(README_START_MARKER)).toBe(true);
    expect(block.endsWith(README_END_MARKER)).toBe(true);
    for (const rule of GUARDRAIL_RULES) {
      expect(block).toContain(
        `| ${rule.id} | ${rule.title} | ${rule.rationale} |`,
      );
    }
  });

  it('is up to date in README.md (regenerate with `yarn enclave guardrails --markdown --write`)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(extractReadmeGuardrails(readme)).toBe(renderGuardrailsMarkdown());
  });

  it('replaces an outdated block in place and appends a section when markers are missing', () => {
    const outdated = `# Title\n\nintro\n\n${README_START_MARKER}\nold\n${README_END_MARKER}\n\n## After\n`;
    const updated = updateReadmeGuardrails(outdated);
    expect(updated).toBe(
      `# Title\n\nintro\n\n${renderGuardrailsMarkdown()}\n\n## After\n`,
    );
    expect(updateReadmeGuardrails(updated)).toBe(updated);
    const appended = updateReadmeGuardrails('# Title\n');
    expect(appended).toMatch(/^# Title\n\n## Guardrails\n\n/);
    expect(extractReadmeGuardrails(appended)).toBe(renderGuardrailsMarkdown());
  });
});
