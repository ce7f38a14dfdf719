/*
 * `enclave synth --spec FILE.json --out DIR`: validates the spec and writes
 * DIR/stacks/<name>/cdk.tf.json, then prints that path (stdout, nothing else,
 * so scripts can capture it) or, with --json, the synthesis summary.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  EnvironmentSpecError,
  EnvironmentSpecInput,
} from '@data-enclave/plugin-enclave-common';
import { synthesizeEnvironment } from '../stack';
import { CliUsageError, resolveUserPath } from './cliErrors';

interface SynthOptions {
  spec: string;
  out: string;
  json?: boolean;
  allowAnyClientCidr?: boolean;
  allowDomain?: string[];
}

/** Reads and parses a JSON file, turning every failure into a usage error naming the file. */
export function readJsonFile(option: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(
      `cannot read ${option} ${path}: ${
        (error as NodeJS.ErrnoException).code ?? error
      }`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(
      `${option} ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

export function registerSynthCommand(program: Command): void {
  program
    .command('synth')
    .description(
      'Synthesize an environment spec into a Terraform JSON stack (plan-mode provider, local state)',
    )
    .requiredOption('--spec <file>', 'environment spec (JSON)')
    .requiredOption(
      '--out <dir>',
      'output directory; the stack is written to <dir>/stacks/<name>/cdk.tf.json',
    )
    .option('--json', 'print the synthesis summary as JSON instead of the path')
    .option(
      '--allow-any-client-cidr',
      'allow 0.0.0.0/0 among clientCidrs (dataEnclave.guardrails.allowAnyClientCidr)',
    )
    .option(
      '--allow-domain <domain...>',
      'extra domain the DNS firewall allows (dataEnclave.guardrails.allowedExtraDomains)',
    )
    .action((options: SynthOptions) => {
      const specPath = resolveUserPath(options.spec);
      const spec = readJsonFile('--spec', specPath);
      let result;
      try {
        result = synthesizeEnvironment(
          // Untrusted JSON: synthesizeEnvironment validates it before use.
          spec as EnvironmentSpecInput,
          resolveUserPath(options.out),
          {
            guardrails: {
              allowAnyClientCidr: options.allowAnyClientCidr,
              allowedExtraDomains: options.allowDomain,
            },
          },
        );
      } catch (error) {
        if (error instanceof EnvironmentSpecError) {
          throw new CliUsageError(`${specPath}: ${error.message}`);
        }
        throw error;
      }
      process.stdout.write(
        options.json
          ? `${JSON.stringify(result.summary, null, 2)}\n`
          : `${result.summary.file}\n`,
      );
    });
}
