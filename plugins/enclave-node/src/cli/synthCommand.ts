/*
 * `enclave synth --spec FILE.json --out DIR`: validates the spec and writes
 * DIR/stacks/<name>/cdk.tf.json, runs the guardrails and function checks on
 * it (report on stderr; any finding exits 1), then prints that path (stdout,
 * nothing else, so scripts can capture it) or, with --json, the synthesis
 * summary with the report.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  EnvironmentSpecError,
  EnvironmentSpecInput,
} from '@data-enclave/plugin-enclave-common';
import { synthesizeEnvironment } from '../stack';
import { checkGuardrails, formatReportText, reportToJson } from '../guardrails';
import { CliUsageError, resolveUserPath } from './cliErrors';
import {
  GuardrailFlags,
  addGuardrailFlags,
  guardrailConfigFromFlags,
} from './guardrailFlags';

interface SynthOptions extends GuardrailFlags {
  spec: string;
  out: string;
  json?: boolean;
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
  const command = program
    .command('synth')
    .description(
      'Synthesize an environment spec into a Terraform JSON stack (plan-mode provider, local state)',
    )
    .requiredOption('--spec <file>', 'environment spec (JSON)')
    .requiredOption(
      '--out <dir>',
      'output directory; the stack is written to <dir>/stacks/<name>/cdk.tf.json',
    )
    .option(
      '--json',
      'print the synthesis summary (with the guardrail report) as JSON instead of the path',
    );
  addGuardrailFlags(command).action((options: SynthOptions) => {
    const config = guardrailConfigFromFlags(options);
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
            allowAnyClientCidr: config.allowAnyClientCidr,
            allowedExtraDomains: config.allowedExtraDomains,
            organizationId: config.organizationId,
          },
        },
      );
    } catch (error) {
      if (error instanceof EnvironmentSpecError) {
        throw new CliUsageError(`${specPath}: ${error.message}`);
      }
      throw error;
    }
    // A stack that fails a guardrail or a function check fails synth. The
    // report goes to stderr so stdout stays the path scripts capture.
    const report = checkGuardrails(
      JSON.parse(readFileSync(result.summary.file, 'utf8')),
      { config, accountId: result.spec.accountId },
    );
    process.stderr.write(`${formatReportText(report)}\n`);
    process.stdout.write(
      options.json
        ? `${JSON.stringify(
            { ...result.summary, guardrails: JSON.parse(reportToJson(report)) },
            null,
            2,
          )}\n`
        : `${result.summary.file}\n`,
    );
    if (!report.passed) {
      throw new Error(
        `synth refused: ${report.summary.findings} finding(s) in ${report.summary.failedRules} guardrail(s) or function check(s) of ${result.summary.file}`,
      );
    }
  });
}
