/*
 * `enclave guardrails [--markdown] [--write]`: lists the rules. `--markdown`
 * prints the README block; `--write` also replaces it in the repo's README.md
 * (the README test fails until this has been run after a rule change).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import {
  GUARDRAIL_RULES,
  renderGuardrailsMarkdown,
  updateReadmeGuardrails,
} from '../guardrails';
import { CliUsageError, resolveUserPath } from './cliErrors';

/**
 * The monorepo root: the nearest ancestor of the directory the user ran the
 * command from (INIT_CWD under yarn) with a `plugins` folder and a package.json.
 */
export function findRepoRoot(start: string = resolveUserPath('.')): string {
  let dir = start;
  while (dirname(dir) !== dir) {
    if (
      existsSync(join(dir, 'plugins')) &&
      existsSync(join(dir, 'package.json'))
    )
      return dir;
    dir = dirname(dir);
  }
  throw new CliUsageError(
    'cannot find the repository root (a folder with plugins/ and package.json)',
  );
}

export function registerGuardrailsCommand(program: Command): void {
  program
    .command('guardrails')
    .description(
      'List the exfiltration guardrails and the function checks with their rationale',
    )
    .option('--markdown', 'print the README table (between its markers)')
    .option(
      '--write',
      'with --markdown: update the Guardrails block in README.md at the repo root',
    )
    .action((options: { markdown?: boolean; write?: boolean }) => {
      if (options.write && !options.markdown) {
        throw new CliUsageError('--write needs --markdown');
      }
      if (!options.markdown) {
        process.stdout.write(
          GUARDRAIL_RULES.map(
            rule =>
              `${rule.id.padEnd(4)}${rule.title}\n    ${rule.rationale}\n`,
          ).join(''),
        );
        return;
      }
      const block = renderGuardrailsMarkdown();
      if (options.write) {
        const readme = join(findRepoRoot(), 'README.md');
        const current = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
        writeFileSync(readme, updateReadmeGuardrails(current));
        process.stdout.write(`updated ${readme}\n`);
        return;
      }
      process.stdout.write(`${block}\n`);
    });
}
