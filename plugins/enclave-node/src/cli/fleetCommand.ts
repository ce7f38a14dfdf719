/*
 * `enclave fleet plan (--specs <dir> | --registry <url>) --to-version V`:
 * the fleet plan for platform pipelines. Every environment behind V is
 * re-synthesized, checked, initialised and planned (planFleetUpgrade: bounded
 * concurrency, one shared plugin cache), and a table (or --json) says per
 * environment what would be added, changed and destroyed. Exit 1 when any
 * plan fails its guardrails or fails outright, so a pipeline stops there;
 * bad arguments exit 2 before any terraform run.
 */
import { Command } from 'commander';
import { join } from 'node:path';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import { planFleetUpgrade } from '../fleet/planFleetUpgrade';
import type { FleetPlan } from '../fleet/types';
import { CliUsageError, resolveUserPath } from './cliErrors';
import { registrySource, specDirectorySource } from './fleetCommandSources';
import { registerFleetStatusCommand } from './fleetStatusCommand';

interface FleetPlanOptions {
  specs?: string;
  registry?: string;
  tokenEnv: string;
  toVersion: string;
  out?: string;
  concurrency?: string;
  json?: boolean;
  terraform: string;
  providerMirror?: string;
  allowAnyClientCidr?: boolean;
}

export function registerFleetCommand(program: Command): void {
  const fleet = program
    .command('fleet')
    .description(
      'Fleet rollout: see the fleet, plan the upgrade of every environment behind a stack version',
    );
  registerFleetStatusCommand(fleet, { tokenFrom: token });
  fleet
    .command('plan')
    .description(
      'Plan the upgrade of every environment behind --to-version (plan only: nothing is applied)',
    )
    .option(
      '--specs <dir>',
      'directory of environment specs (*.json, *.yaml); state in <dir>/<spec name>/',
    )
    .option(
      '--registry <url>',
      "the enclave backend's base URL (reads the environments over its API)",
    )
    .option(
      '--token-env <name>',
      'environment variable holding the token for --registry',
      'ENCLAVE_TOKEN',
    )
    .requiredOption(
      '--to-version <version>',
      'the stack version to upgrade to (dataEnclave.stackVersion)',
    )
    .option(
      '--out <dir>',
      'with --registry: working directory for the stacks',
      '.enclave/fleet',
    )
    .option(
      '--concurrency <n>',
      'environments planned at once (default: one per CPU core)',
    )
    .option('--json', 'print the fleet plan as JSON')
    .option('--terraform <binary>', 'terraform or tofu binary', 'terraform')
    .option(
      '--provider-mirror <dir>',
      'filesystem mirror holding hashicorp/aws (default: found automatically)',
    )
    .option('--allow-any-client-cidr', 'allow 0.0.0.0/0 among clientCidrs')
    .action(async (options: FleetPlanOptions) => {
      if (Boolean(options.specs) === Boolean(options.registry)) {
        throw new CliUsageError(
          'pass exactly one of --specs <dir> (a directory of environment specs) or --registry <url> (the enclave backend)',
        );
      }
      const concurrency = parseConcurrency(options.concurrency);
      const root = resolveUserPath(options.specs ?? options.out!);
      const config = parseDataEnclaveConfig({
        stackVersion: options.toVersion,
        terraform: {
          binary: options.terraform,
          // One cache for the whole fleet: providers are unpacked once.
          pluginCacheDir: join(root, '.plugin-cache'),
          workDir: root,
          ...(options.providerMirror
            ? { providerMirror: resolveUserPath(options.providerMirror) }
            : {}),
        },
        guardrails: { allowAnyClientCidr: options.allowAnyClientCidr ?? false },
      });
      const source = options.specs
        ? specDirectorySource(root, {
            allowAnyClientCidr: config.guardrails.allowAnyClientCidr,
          })
        : await registrySource(
            options.registry!,
            token(options.tokenEnv),
            root,
          );
      if (options.registry) {
        // Honest about what this plan compares with: no AWS credentials and
        // no access to the backend's state, so an applied environment's
        // plan shows its whole stack as additions.
        process.stderr.write(
          `enclave: --registry plans use the plan-mode provider and local state under ${root}; for applied environments (S3 state) the diff is against an empty state\n`,
        );
      }
      const plan = await planFleetUpgrade({
        registry: source.registry,
        config,
        concurrency,
        initiator: `cli:${process.env.USER ?? 'unknown'}`,
        workDir: source.workDir,
        onProgress: p =>
          process.stderr.write(
            `[${p.name}] ${p.step} ${p.phase}${
              p.message ? `: ${p.message}` : ''
            }\n`,
          ),
      });
      process.stdout.write(
        options.json
          ? `${JSON.stringify(plan, null, 2)}\n`
          : formatFleetPlan(plan),
      );
      const bad = plan.environments.filter(
        e => e.status === 'refused' || e.status === 'failed',
      );
      if (bad.length) {
        throw new Error(
          `${bad.length} of ${
            plan.environments.length
          } plans failed or were refused by the guardrails: ${bad
            .map(e => e.name)
            .join(', ')}`,
        );
      }
    });
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new CliUsageError(
      `--concurrency ${value} is not a whole number ≥ 1; omit it to plan one environment per CPU core`,
    );
  }
  return n;
}

export function token(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new CliUsageError(
      `--registry needs a token in $${name} (a Backstage user or static token that may read the environments); set it or pass --token-env`,
    );
  }
  return value;
}

/** One line per environment: version step, verdict, +/~/- counts, reason. */
export function formatFleetPlan(plan: FleetPlan): string {
  const lines = [
    `Fleet plan to stack version ${plan.toVersion}: ${plan.environments.length} behind, ${plan.current.length} current (concurrency ${plan.concurrency})`,
  ];
  for (const e of plan.environments) {
    const s = e.planSummary;
    const counts = s ? ` +${s.add} ~${s.change} -${s.destroy}` : '';
    const why = e.reason ?? e.error;
    lines.push(
      `  ${e.status.padEnd(11)} ${e.name} (${e.team}) ${e.fromVersion} -> ${
        e.toVersion
      }${counts}${why ? `  ${why}` : ''}`,
    );
    for (const address of s?.addresses?.destroy ?? []) {
      lines.push(`      - destroy ${address}`);
    }
  }
  for (const e of plan.current) {
    lines.push(`  current     ${e.name} (${e.team}) ${e.fromVersion}`);
  }
  return `${lines.join('\n')}\n`;
}
