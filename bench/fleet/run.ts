/*
 * Fleet benchmark, side by side in one run:
 *  1. the fleet plan of N environments (planFleetUpgrade: the real pipeline,
 *     real terraform, plan mode) at concurrency 1 and at concurrency = cores,
 *     against the sum of N single plans; target fleet(N) ≤ N / cores × 1.2
 *     single-plan times. Also the speed-up the shared plugin cache gives
 *     (N cold single plans vs the fleet at concurrency 1) and concurrency.
 *  2. the single-environment pipeline (synth, guardrails, init, plan,
 *     guardrails on the plan) against raw `terraform init && terraform plan`
 *     on the same synthesized stack with the same CLI config; target ≤ 1.2×.
 * N = 10, 20 and 100 by default (`yarn bench --full`); `yarn bench` passes
 * `--n 10,20`. The load average is
 * printed: on a shared machine the figures are only as good as the idle CPU.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  EnvironmentRecord,
  parseDataEnclaveConfig,
} from '@data-enclave/plugin-enclave-common';
import {
  DIRECTORY_PASSWORD_ENV,
  findProviderMirror,
  InMemoryFleetRegistry,
  PLAN_MODE_AWS_ENV,
  planFleetUpgrade,
  synthesizeEnvironment,
  writeTerraformCliConfig,
} from '@data-enclave/plugin-enclave-node';

const argv = process.argv.slice(2);
const nArg = argv.indexOf('--n');
const sizes = (nArg >= 0 ? argv[nArg + 1] : '10,20,100').split(',').map(Number);
if (!sizes.every(n => Number.isInteger(n) && n > 0)) {
  console.error(
    `--n takes whole numbers ≥ 1, comma-separated (got ${argv[nArg + 1]})`,
  );
  process.exit(2);
}
const cores = availableParallelism();
const mirror = findProviderMirror();
if (!mirror) {
  console.error('no provider mirror found (set ENCLAVE_TF_PROVIDER_MIRROR)');
  process.exit(2);
}
const example = JSON.parse(
  readFileSync(resolve(__dirname, '../../examples/environment.json'), 'utf8'),
);
const load = () =>
  loadavg()
    .map(l => l.toFixed(2))
    .join(' ');

function records(n: number): EnvironmentRecord[] {
  const now = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => {
    const name = `bench${i}`;
    return {
      id: name,
      name,
      team: 'group:default/bench',
      region: 'eu-west-1',
      accountId: '123456789012',
      state: 'planned' as const,
      stackVersion: '1.0.0',
      spec: { ...example, name, team: 'group:default/bench' },
      outputs: {},
      members: [],
      createdAt: now,
      updatedAt: now,
    };
  });
}

/** One fleet plan of `n` environments; the cache dir is shared by all of them. */
async function fleet(n: number, concurrency: number, cacheDir: string) {
  const root = mkdtempSync(join(tmpdir(), 'enclave-bench-fleet-'));
  const config = parseDataEnclaveConfig({
    stackVersion: '1.1.0',
    terraform: {
      pluginCacheDir: cacheDir,
      providerMirror: mirror,
      workDir: root,
    },
  });
  const start = process.hrtime.bigint();
  const plan = await planFleetUpgrade({
    registry: new InMemoryFleetRegistry(records(n)),
    config,
    concurrency,
    initiator: 'bench',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(root, { recursive: true, force: true });
  const bad = plan.environments.filter(e => e.status !== 'safe');
  if (bad.length) {
    throw new Error(
      `bench plans must all be safe: ${bad
        .map(e => `${e.name} ${e.status} ${e.error ?? ''}`)
        .join('; ')}`,
    );
  }
  return seconds;
}

/**
 * Raw `terraform init && terraform plan` on the same synthesized stack, and
 * separately the `terraform show -json` of that plan: the pipeline needs the
 * plan as JSON for its guardrails, so that command is part of the gap.
 */
function rawInitPlan(cacheDir: string): { seconds: number; showJson: number } {
  const out = mkdtempSync(join(tmpdir(), 'enclave-bench-raw-'));
  const { stackDir } = synthesizeEnvironment(
    { ...example, name: 'benchraw', stackVersion: '1.1.0' },
    out,
  );
  const cli = writeTerraformCliConfig({
    dir: join(out, '.cli'),
    pluginCacheDir: cacheDir,
    providerMirror: mirror,
  });
  const env = {
    ...process.env,
    ...(PLAN_MODE_AWS_ENV as Record<string, string>),
    [DIRECTORY_PASSWORD_ENV]: 'Bench-Passw0rd!',
    ...cli.env,
  };
  const start = process.hrtime.bigint();
  for (const args of [
    ['init', '-input=false', '-no-color'],
    ['plan', '-input=false', '-no-color', '-out=raw.tfplan'],
  ]) {
    execFileSync('terraform', args, { cwd: stackDir, env, stdio: 'ignore' });
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const showStart = process.hrtime.bigint();
  execFileSync('terraform', ['show', '-json', 'raw.tfplan'], {
    cwd: stackDir,
    env,
    stdio: 'ignore',
  });
  const showJson = Number(process.hrtime.bigint() - showStart) / 1e9;
  rmSync(out, { recursive: true, force: true });
  return { seconds, showJson };
}

async function main() {
  console.log(
    `machine: ${cores} cores, load ${load()} at start; N = ${sizes.join(', ')}`,
  );
  const cache = mkdtempSync(join(tmpdir(), 'enclave-bench-fleet-cache-'));
  // A cold single plan fills the cache; later plans find it warm.
  const cold = await fleet(1, 1, cache);
  const single = await fleet(1, 1, cache);
  const { seconds: raw, showJson } = rawInitPlan(cache);
  // Rows are printed as they are measured: a long run shows its progress.
  const pipelineRatio = single / raw;
  console.log('| measure | figure | target |');
  console.log('| --- | --- | --- |');
  console.log(`| single plan, cold plugin cache | ${cold.toFixed(1)} s | |`);
  console.log(
    `| single plan (fleet of 1), warm cache | ${single.toFixed(1)} s | |`,
  );
  console.log(
    `| raw terraform init && plan, same stack | ${raw.toFixed(1)} s | |`,
  );
  console.log(
    `| of the gap: terraform show -json of that plan | ${showJson.toFixed(
      1,
    )} s (${((showJson / raw) * 100).toFixed(0)}% of raw) | |`,
  );
  console.log(
    `| pipeline / raw init+plan ratio | ${pipelineRatio.toFixed(2)} | ≤ 1.20 ${
      pipelineRatio <= 1.2 ? 'met' : 'MISSED'
    } |`,
  );
  for (const n of sizes) {
    const serial = await fleet(n, 1, cache);
    const parallel = await fleet(n, cores, cache);
    const target = (n / cores) * 1.2;
    const ratio = parallel / single;
    [
      `| fleet(${n}) c=1 | ${serial.toFixed(1)} s | sum of ${n} single plans ${(
        n * single
      ).toFixed(1)} s |`,
      `| fleet(${n}) c=${cores} | ${parallel.toFixed(1)} s | load ${load()} |`,
      `| fleet(${n}) c=${cores} / single-plan ratio | ${ratio.toFixed(
        2,
      )} | ≤ ${target.toFixed(2)} (N/cores × 1.2) ${
        ratio <= target ? 'met' : 'MISSED'
      } |`,
      `| fleet(${n}) concurrency speed-up c=1/c=${cores} | ${(
        serial / parallel
      ).toFixed(2)}× | |`,
      `| fleet(${n}) shared-cache speed-up (${n} cold single plans / fleet c=1) | ${(
        (n * cold) /
        serial
      ).toFixed(2)}× | |`,
    ].forEach(row => console.log(row));
  }
  rmSync(cache, { recursive: true, force: true });
  console.log(`load average at end: ${load()}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
