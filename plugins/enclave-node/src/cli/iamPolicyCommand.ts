/*
 * `enclave iam-policy [--config app-config.yaml] [--account ID] [--check FILE]`:
 * prints the deployer IAM policy for the config's regions
 * (`dataEnclave.allowedRegions` and `accounts[].regions`), optionally pinned to
 * one account of `dataEnclave.accounts`. With --check it compares FILE with
 * what it would print and exits 1 when they differ (CI keeps
 * docs/iam-policy.json current this way).
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { parse } from 'yaml';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import {
  deployerPolicy,
  deployerPolicyOptionsFromConfig,
  renderDeployerPolicy,
} from '../iam/deployerPolicy';
import { CliUsageError, resolveUserPath } from './cliErrors';

interface IamPolicyOptions {
  config?: string;
  account?: string;
  check?: string;
}

function readText(option: string, path: string): string {
  try {
    return readFileSync(resolveUserPath(path), 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `cannot read ${option} ${path}: ${
        (error as NodeJS.ErrnoException).code ?? error
      }`,
    );
  }
}

/** The `dataEnclave` block of an app-config file (absent block: defaults). */
function readDataEnclaveConfig(path: string | undefined) {
  if (!path) return parseDataEnclaveConfig({});
  let doc: unknown;
  try {
    doc = parse(readText('--config', path));
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(
      `--config ${path} is not valid YAML: ${(error as Error).message}`,
    );
  }
  const block = (doc as { dataEnclave?: unknown } | null)?.dataEnclave ?? {};
  try {
    return parseDataEnclaveConfig(block);
  } catch (error) {
    throw new CliUsageError(`${path}: ${(error as Error).message}`);
  }
}

export function registerIamPolicyCommand(program: Command): void {
  program
    .command('iam-policy')
    .description(
      'Print the deployer IAM policy for the configured regions (docs/iam-policy.json is the default config)',
    )
    .option(
      '--config <file>',
      'app-config YAML; its dataEnclave.allowedRegions and accounts set the regions (default: built-in defaults)',
    )
    .option(
      '--account <id>',
      'pin the policy to this account of dataEnclave.accounts (its regions only)',
    )
    .option(
      '--check <file>',
      'exit 1 if <file> differs from the generated policy',
    )
    .action((options: IamPolicyOptions) => {
      const config = readDataEnclaveConfig(options.config);
      if (options.account && !/^\d{12}$/.test(options.account))
        throw new CliUsageError('--account must be a 12-digit AWS account id');
      let policyText: string;
      try {
        policyText = renderDeployerPolicy(
          deployerPolicy(
            deployerPolicyOptionsFromConfig(config, options.account),
          ),
        );
      } catch (error) {
        throw new CliUsageError((error as Error).message);
      }
      if (options.check) {
        if (readText('--check', options.check) !== policyText) {
          // Exit 1 (a failed check, not bad input) through main's error path.
          throw new Error(
            `${
              options.check
            } differs from the generated deployer policy; regenerate it with: yarn enclave iam-policy${
              options.config ? ` --config ${options.config}` : ''
            } > ${options.check}`,
          );
        }
        process.stdout.write(`${options.check} is up to date\n`);
        return;
      }
      process.stdout.write(policyText);
    });
}
