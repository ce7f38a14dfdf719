/*
 * The `enclave` CLI. Each command lives in its own file and registers itself
 * on the program here; keep this file to wiring and error handling.
 */
import { Command, CommanderError } from 'commander';
import { ConstructPropsError } from '../stack/assertProps';
import { CliUsageError, EXIT_FAILURE, EXIT_USAGE } from './cliErrors';
import { registerSynthCommand } from './synthCommand';
import { registerCheckCommand } from './checkCommand';
import { registerGuardrailsCommand } from './guardrailsCommand';
import { registerPlanCommand } from './planCommand';
import { registerIamPolicyCommand } from './iamPolicyCommand';
import { registerBundlesCommand } from './bundlesCommand';
import { registerFleetCommand } from './fleetCommand';

export function buildProgram(): Command {
  const program = new Command('enclave')
    .description(
      'Data Enclave: synthesize, check and plan secure data-science environments',
    )
    // Throw instead of exiting so every error goes through one exit-code policy.
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  registerSynthCommand(program);
  registerCheckCommand(program);
  registerGuardrailsCommand(program);
  registerPlanCommand(program);
  registerIamPolicyCommand(program);
  registerBundlesCommand(program);
  registerFleetCommand(program);

  return program;
}

/**
 * Runs the `enclave` CLI on `argv` (as `process.argv`: node, script, args…)
 * and resolves to the process exit code.
 *
 * @public
 */
export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help text).
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (
      error instanceof CliUsageError ||
      error instanceof ConstructPropsError
    ) {
      process.stderr.write(`enclave: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(
      `enclave: ${
        process.env.ENCLAVE_DEBUG
          ? (error as Error).stack
          : (error as Error).message ?? error
      }\n`,
    );
    return EXIT_FAILURE;
  }
}
