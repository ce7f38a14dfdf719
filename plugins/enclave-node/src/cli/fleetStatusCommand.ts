/*
 * `enclave fleet status --registry <url>`: the backend's fleet view on the
 * command line, for platform pipelines and people without a browser. It
 * reads GET /fleet (members of dataEnclave.adminGroup only, so the token is
 * an admin's) and prints every environment's version against the
 * platform's, and its last fleet plan. Read-only: nothing is planned here.
 */
import { Command } from 'commander';
import type { FleetStatusResponse } from '@data-enclave/plugin-enclave-common';
import { CliUsageError } from './cliErrors';
import { registryClient } from './fleetCommandSources';

interface FleetStatusOptions {
  registry: string;
  tokenEnv: string;
  json?: boolean;
}

export function registerFleetStatusCommand(
  fleet: Command,
  deps: { tokenFrom: (envName: string) => string },
): void {
  fleet
    .command('status')
    .description(
      "Every environment's stack version against the platform's, and its last fleet plan (from the enclave backend; admins only)",
    )
    .requiredOption(
      '--registry <url>',
      "the enclave backend's base URL, e.g. http://localhost:7007/api/enclave",
    )
    .option(
      '--token-env <name>',
      'environment variable holding the Backstage token of a member of dataEnclave.adminGroup',
      'ENCLAVE_TOKEN',
    )
    .option('--json', 'print the fleet status as JSON')
    .action(async (options: FleetStatusOptions) => {
      const client = registryClient(
        options.registry,
        deps.tokenFrom(options.tokenEnv),
      );
      let status: FleetStatusResponse;
      try {
        status = await client.getFleet();
      } catch (error) {
        // EnclaveClient throws @backstage/errors' ResponseError, which
        // carries the HTTP status as statusCode.
        const statusCode = (error as { statusCode?: number }).statusCode;
        if (statusCode === 401 || statusCode === 403) {
          // Not a crash: the token is not an admin's. Say so, exit 2.
          throw new CliUsageError(
            `${options.registry} refused the fleet status (${statusCode}): ${
              (error as Error).message
            }. Use the token of a member of dataEnclave.adminGroup.`,
          );
        }
        throw error;
      }
      process.stdout.write(
        options.json
          ? `${JSON.stringify(status, null, 2)}\n`
          : formatFleetStatus(status),
      );
    });
}

/** A header with the counts, then one line per environment, behind first. */
export function formatFleetStatus(status: FleetStatusResponse): string {
  const lines = [
    `Fleet at stack version ${status.targetVersion}: ${status.behind} behind, ${status.current} current`,
  ];
  const rows = [...status.environments].sort(
    (a, b) =>
      Number(b.behind) - Number(a.behind) || a.name.localeCompare(b.name),
  );
  for (const e of rows) {
    const plan = e.lastPlan;
    const s = plan?.planSummary;
    const last = plan
      ? `  last plan ${plan.status} to ${plan.toVersion}${
          s ? ` +${s.add} ~${s.change} -${s.destroy}` : ''
        }`
      : '';
    const busy = e.busy ? `  busy: ${e.busy.kind} by ${e.busy.initiator}` : '';
    lines.push(
      `  ${(e.behind ? 'behind' : 'current').padEnd(8)} ${e.name} (${e.team}) ${
        e.stackVersion
      } ${e.state}${last}${busy}`,
    );
  }
  const run = status.activeRun;
  if (run) {
    lines.push(
      `Fleet ${run.kind} ${run.id} is ${run.status} (by ${run.initiator})`,
    );
  }
  return `${lines.join('\n')}\n`;
}
