/*
 * `enclave plan --spec FILE.json --out DIR`: the plan-mode pipeline from the
 * command line, exactly what the scaffolder action runs without an AWS
 * account: synth, guardrails, `terraform init` + `plan` (offline with a
 * provider mirror), guardrails on the plan. Progress goes to stderr; stdout
 * gets the plan JSON path (or, with --json, the result).
 */
import { Command } from 'commander';
import {
  EnvironmentSpecError,
  parseDataEnclaveConfig,
  parseEnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import { GuardrailViolationError } from '../guardrails';
import { provisionEnvironment } from '../provision';
import { CliUsageError, resolveUserPath } from './cliErrors';
import { readJsonFile } from './synthCommand';

interface PlanOptions {
  spec: string;
  out: string;
  json?: boolean;
  terraform?: string;
  providerMirror?: string;
  allowAnyClientCidr?: boolean;
  allowDomain?: string[];
}

export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description(
      'Synthesize, check and plan an environment with terraform (plan mode: nothing is applied)',
    )
    .requiredOption('--spec <file>', 'environment spec (JSON)')
    .requiredOption('--out <dir>', 'working directory for the stack and plan')
    .option('--json', 'print the result (plan summary, guardrails) as JSON')
    .option('--terraform <binary>', 'terraform or tofu binary', 'terraform')
    .option(
      '--provider-mirror <dir>',
      'filesystem mirror holding hashicorp/aws (default: found automatically)',
    )
    .option('--allow-any-client-cidr', 'allow 0.0.0.0/0 among clientCidrs')
    .option(
      '--allow-domain <domain...>',
      'extra domain the DNS firewall allows',
    )
    .action(async (options: PlanOptions) => {
      const specPath = resolveUserPath(options.spec);
      const out = resolveUserPath(options.out);
      const config = parseDataEnclaveConfig({
        terraform: {
          binary: options.terraform,
          pluginCacheDir: `${out}/.plugin-cache`,
          ...(options.providerMirror
            ? { providerMirror: resolveUserPath(options.providerMirror) }
            : {}),
        },
        guardrails: {
          allowAnyClientCidr: options.allowAnyClientCidr ?? false,
          allowedExtraDomains: options.allowDomain ?? [],
        },
      });
      let spec;
      try {
        spec = parseEnvironmentSpec(readJsonFile('--spec', specPath), {
          allowAnyClientCidr: config.guardrails.allowAnyClientCidr,
        });
      } catch (error) {
        if (error instanceof EnvironmentSpecError) {
          throw new CliUsageError(`${specPath}: ${error.message}`);
        }
        throw error;
      }
      try {
        const result = await provisionEnvironment({
          spec,
          config,
          workDir: out,
          log: line => process.stderr.write(`${line}\n`),
        });
        process.stdout.write(
          options.json
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${result.planJsonPath}\n`,
        );
      } catch (error) {
        if (error instanceof GuardrailViolationError) {
          // The findings were already printed with the report; exit 1.
          throw new Error(
            `guardrails refused the ${
              error.report.source === 'plan' ? 'plan' : 'stack'
            }`,
          );
        }
        throw error;
      }
    });
}
