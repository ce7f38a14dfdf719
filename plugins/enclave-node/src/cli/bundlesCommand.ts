/*
 * `enclave bundles --region R [--config app-config.yaml]`: checks the
 * platform's `dataEnclave.workspaces.approvedBundles` against what AWS
 * reports in region R (owner, bundle ids, image; see aws/desktopBundles.ts)
 * and prints each entry's lock-down. Exits 1 when any entry does not check
 * out. Uses the default AWS credential chain (read-only:
 * workspaces:DescribeWorkspaceBundles).
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parse } from 'yaml';
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import {
  describeLockdown,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import { checkApprovedBundles } from '../aws/desktopBundles';
import { CliUsageError, resolveUserPath } from './cliErrors';

function readConfig(path: string) {
  let doc: unknown;
  try {
    doc = parse(readFileSync(resolveUserPath(path), 'utf8'));
  } catch (error) {
    throw new CliUsageError(
      `cannot read --config ${path}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  }
  const block = (doc as { dataEnclave?: unknown } | null)?.dataEnclave ?? {};
  try {
    return parseDataEnclaveConfig(block);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
}

export function registerBundlesCommand(program: Command): void {
  program
    .command('bundles')
    .description(
      'check dataEnclave.workspaces.approvedBundles against AWS (G12) and print each lock-down',
    )
    .requiredOption('--region <region>', 'AWS region to look the bundles up in')
    .option('--config <file>', 'app-config YAML', 'app-config.yaml')
    .action(async (options: { region: string; config: string }) => {
      const config = readConfig(options.config);
      const approved = config.workspaces.approvedBundles;
      if (approved.length === 0) {
        throw new CliUsageError(
          `session lock-down: not configured: ${options.config} has no dataEnclave.workspaces.approvedBundles (see docs/session-lockdown.md)`,
        );
      }
      const results = await checkApprovedBundles({
        client: new WorkSpacesClient({ region: options.region }),
        approvedBundles: approved,
      });
      let failed = false;
      for (const result of results) {
        const entry = approved.find(a => a.name === result.entry)!;
        const ok = !result.problem && result.verdicts.every(v => v.approved);
        failed ||= !ok;
        process.stdout.write(
          `${ok ? '[OK]  ' : '[FAIL]'} ${result.entry} (${
            entry.platform
          }, owner ${entry.owner})\n`,
        );
        if (result.problem)
          process.stdout.write(`       - ${result.problem}\n`);
        for (const v of result.verdicts) {
          process.stdout.write(
            `       ${v.bundleId}: ${
              v.approved ? `approved, image ${v.imageId ?? '?'}` : v.problem
            }\n`,
          );
        }
        process.stdout.write(
          `       lock-down: ${describeLockdown(entry.lockDown)}\n`,
        );
      }
      if (failed) {
        throw new Error(
          'some approved bundles do not check out in this region; fix the bundle or its dataEnclave.workspaces.approvedBundles entry',
        );
      }
    });
}
