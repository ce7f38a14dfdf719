/*
 * Runner benchmark, side by side in one run on the same synthesized stack:
 *  1. overhead of TerraformRunner.plan (own CLI config, -json parsing,
 *     progress) over a raw `terraform plan` with the same CLI config;
 *  2. `init` of a second environment with the shared plugin cache, against a
 *     cold init with an empty cache.
 * Targets: plan ratio ≤ 1.05, warm/cold init ≤ 1/3.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnvironmentSpec } from '@data-enclave/plugin-enclave-common';
import {
  findProviderMirror,
  PLAN_MODE_AWS_ENV,
  synthesizeEnvironment,
  TerraformRunner,
  writeTerraformCliConfig,
  DIRECTORY_PASSWORD_ENV,
} from '@data-enclave/plugin-enclave-node';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const mirror = findProviderMirror();
if (!mirror) {
  console.error('no provider mirror found (set ENCLAVE_TF_PROVIDER_MIRROR)');
  process.exit(2);
}
const example = JSON.parse(
  readFileSync(resolve(__dirname, '../../examples/environment.json'), 'utf8'),
);
const env = {
  ...process.env,
  ...(PLAN_MODE_AWS_ENV as Record<string, string>),
  [DIRECTORY_PASSWORD_ENV]: 'Bench-Passw0rd!',
};

function stack(name: string) {
  const out = mkdtempSync(join(tmpdir(), 'enclave-bench-runner-'));
  return synthesizeEnvironment(parseEnvironmentSpec({ ...example, name }), out)
    .stackDir;
}

function seconds(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
async function secondsAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  // --- init: cold (empty cache) vs warm (cache shared with an earlier environment)
  const cache = mkdtempSync(join(tmpdir(), 'enclave-bench-cache-'));
  const coldDir = stack('bench-cold');
  const cold = await secondsAsync(() =>
    new TerraformRunner({
      binary: 'terraform',
      stackDir: coldDir,
      pluginCacheDir: cache,
      providerMirror: mirror,
      env,
    }).init(),
  );
  const warmDir = stack('bench-warm');
  const warm = await secondsAsync(() =>
    new TerraformRunner({
      binary: 'terraform',
      stackDir: warmDir,
      pluginCacheDir: cache,
      providerMirror: mirror,
      env,
    }).init(),
  );

  // --- plan: raw terraform vs the runner, alternating, same directory
  const cli = writeTerraformCliConfig({
    dir: join(warmDir, '.bench'),
    pluginCacheDir: cache,
    providerMirror: mirror,
  });
  const runner = new TerraformRunner({
    binary: 'terraform',
    stackDir: warmDir,
    pluginCacheDir: cache,
    providerMirror: mirror,
    env,
  });
  const raw: number[] = [];
  const wrapped: number[] = [];
  for (let i = 0; i < runs; i++) {
    raw.push(
      seconds(() =>
        execFileSync(
          'terraform',
          ['plan', '-input=false', '-no-color', '-json', '-out=raw.tfplan'],
          {
            cwd: warmDir,
            env: { ...env, ...cli.env },
            stdio: 'ignore',
          },
        ),
      ),
    );
    wrapped.push(await secondsAsync(() => runner.plan('wrapped.tfplan')));
  }
  rmSync(cache, { recursive: true, force: true });

  const planRatio = median(wrapped) / median(raw);
  const initRatio = warm / cold;
  console.log(`machine: ${cpus().length} CPUs, Node ${process.version}`);
  console.log('| measure | figure | target |');
  console.log('| --- | --- | --- |');
  console.log(
    `| raw terraform plan (median of ${runs}) | ${median(raw).toFixed(
      2,
    )} s | |`,
  );
  console.log(
    `| TerraformRunner.plan (median of ${runs}) | ${median(wrapped).toFixed(
      2,
    )} s | |`,
  );
  console.log(
    `| runner overhead ratio | ${planRatio.toFixed(3)} | ≤ 1.05 ${
      planRatio <= 1.05 ? 'met' : 'MISSED'
    } |`,
  );
  console.log(`| cold init (empty plugin cache) | ${cold.toFixed(2)} s | |`);
  console.log(
    `| init of a second environment (shared cache) | ${warm.toFixed(2)} s | |`,
  );
  console.log(
    `| warm/cold init ratio | ${initRatio.toFixed(3)} | ≤ 0.333 ${
      initRatio <= 1 / 3 ? 'met' : 'MISSED'
    } |`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
