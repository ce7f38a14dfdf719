/*
 * `enclave check FILE [--format text|json]`: runs the exfiltration guardrails
 * on a synthesized cdk.tf.json or on `terraform show -json <planfile>` output.
 *
 * Exit codes: 0 clean; 1 findings (the report is on stdout, a one-line
 * summary on stderr); 2 the file is unreadable, empty or not Terraform JSON
 * (message only, never a stack trace).
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import {
  TerraformDocumentError,
  checkGuardrails,
  formatReportText,
  parseTerraformDocument,
  reportToJson,
} from '../guardrails';
import { CliUsageError, resolveUserPath } from './cliErrors';
import {
  GuardrailFlags,
  addGuardrailFlags,
  guardrailConfigFromFlags,
} from './guardrailFlags';

interface CheckOptions extends GuardrailFlags {
  format: 'text' | 'json';
  accountId?: string;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such file',
      EISDIR: 'it is a directory',
      EACCES: 'permission denied',
    };
    const reason = (code && reasons[code]) ?? code ?? String(error);
    throw new CliUsageError(`cannot read ${path}: ${reason}`);
  }
}

export function registerCheckCommand(program: Command): void {
  const command = program
    .command('check')
    .description(
      'Check a synthesized cdk.tf.json or a `terraform show -json` plan against the exfiltration guardrails and the function checks',
    )
    .argument(
      '<file>',
      'cdk.tf.json, or the output of `terraform show -json <planfile>`',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option(
      '--account-id <id>',
      'the environment AWS account (default: the one account the stack names)',
    );
  addGuardrailFlags(command).action((file: string, options: CheckOptions) => {
    if (
      options.accountId !== undefined &&
      !/^\d{12}$/.test(options.accountId)
    ) {
      throw new CliUsageError(
        `--account-id must be a 12-digit AWS account id (got '${options.accountId}')`,
      );
    }
    const config = guardrailConfigFromFlags(options);
    const path = resolveUserPath(file);
    let doc;
    try {
      doc = parseTerraformDocument(readText(path));
    } catch (error) {
      if (error instanceof TerraformDocumentError) {
        throw new CliUsageError(`${path}: ${error.message}`);
      }
      throw error;
    }
    const report = checkGuardrails(doc, {
      accountId: options.accountId,
      config,
    });
    process.stdout.write(
      options.format === 'json'
        ? reportToJson(report)
        : `${formatReportText(report)}\n`,
    );
    if (!report.passed) {
      // main() turns this into exit code 1 with the summary on stderr.
      throw new Error(
        `guardrails failed: ${report.summary.findings} finding(s) in ${report.summary.failedRules} rule(s) of ${path}`,
      );
    }
  });
}
