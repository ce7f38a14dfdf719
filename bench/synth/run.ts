/**
 * Synth benchmark.
 *
 *   node bench/synth/run.js [--runs 5] [--cdktf-runs 3] [--count 100] [--strict]
 *
 * Prints:
 *  1. cold whole-process synth of examples/environment.json with
 *     `node plugins/enclave-node/bin/enclave synth` (what `yarn enclave synth`
 *     runs after yarn's own start-up, also shown once for reference);
 *  2. `--count` environments re-synthesized in one process: total time, peak RSS;
 *  3. the same stack through the `cdktf synth` CLI (cdktf-cli 0.21.0), and a
 *     process that loads @cdktf/provider-aws through its package index, each
 *     with its ratio to (1).
 * Wall time is what a user waits; CPU time (summed over the process tree,
 * reported by each node process on exit) is what the machine spends and is
 * stable when other jobs share the CPUs.
 *
 * Targets: cold ≤ 1.0 s, cdktf synth ≥ 5× slower, 100 envs ≤ 5 s and ≤ 500 MB.
 * Exits non-zero on a missed target only with --strict (wall times depend on load).
 */
import { spawn } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../..');
const bin = join(repo, 'plugins/enclave-node/bin/enclave');
const specFile = join(repo, 'examples/environment.json');
const reportUsage = join(__dirname, 'reportUsage.js');
const loader = require.resolve('@backstage/cli-node/config/nodeTransform.cjs');
const cdktfCli = join(repo, 'node_modules/.bin/cdktf');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const runs = arg('runs', 5);
const cdktfRuns = arg('cdktf-runs', 3);
const count = arg('count', 100);
const strict = process.argv.includes('--strict');

interface Measured {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  processes: number;
  stdout: string;
}

/** Runs a command (argument array, no shell) and measures wall time plus the tree's CPU. */
function measure(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Measured> {
  const work = mkdtempSync(join(tmpdir(), 'enclave-bench-usage-'));
  const usageFile = join(work, 'usage.jsonl');
  const env = {
    ...process.env,
    ...options.env,
    BENCH_USAGE_FILE: usageFile,
    NODE_OPTIONS: `${
      process.env.NODE_OPTIONS ?? ''
    } --require ${reportUsage}`.trim(),
    CHECKPOINT_DISABLE: '1',
    CDKTF_DISABLE_TELEMETRY: '1',
    CI: '1', // no spinners from the cdktf CLI
  };
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd ?? repo,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', reject);
    child.on('close', code => {
      const wallMs = performance.now() - start;
      if (code !== 0) {
        reject(
          new Error(
            `${command} ${args.join(' ')} exited ${code}\n${stderr.slice(
              -2000,
            )}`,
          ),
        );
        return;
      }
      const usage = existsSync(usageFile)
        ? readFileSync(usageFile, 'utf8')
            .trim()
            .split('\n')
            .map(
              line => JSON.parse(line) as { cpuMs: number; maxRssMb: number },
            )
        : [];
      rmSync(work, { recursive: true, force: true });
      resolvePromise({
        wallMs,
        cpuMs: usage.reduce((sum, u) => sum + u.cpuMs, 0),
        maxRssMb: Math.max(0, ...usage.map(u => u.maxRssMb)),
        processes: usage.length,
        stdout,
      });
    });
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function repeat(
  times: number,
  run: () => Promise<Measured>,
): Promise<Measured[]> {
  const results: Measured[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  return results;
}

function summarize(
  label: string,
  results: Measured[],
): { wallMs: number; cpuMs: number } {
  const wallMs = median(results.map(r => r.wallMs));
  const cpuMs = median(results.map(r => r.cpuMs));
  console.log(
    `${label.padEnd(52)} wall ${s(wallMs)} (min ${s(
      Math.min(...results.map(r => r.wallMs)),
    )})  cpu ${s(cpuMs)}  rss ${Math.round(
      Math.max(...results.map(r => r.maxRssMb)),
    )} MB  [${results.length} run(s), ${
      results[0].processes
    } node process(es)]`,
  );
  return { wallMs, cpuMs };
}

async function main() {
  console.log(
    `synth benchmark: ${cpus().length} CPUs, load average ${loadavg()
      .map(l => l.toFixed(1))
      .join(' ')}`,
  );
  const out = mkdtempSync(join(tmpdir(), 'enclave-bench-synth-'));
  const verdicts: Array<[string, boolean]> = [];
  try {
    // 1. Cold whole-process synth.
    await measure(process.execPath, [
      bin,
      'synth',
      '--spec',
      specFile,
      '--out',
      out,
    ]); // warm the OS file cache
    const cold = summarize(
      '1. cold `node bin/enclave synth` (1 environment)',
      await repeat(runs, () =>
        measure(process.execPath, [
          bin,
          'synth',
          '--spec',
          specFile,
          '--out',
          out,
        ]),
      ),
    );
    const yarnBin = join(repo, '.tools/bin/yarn');
    if (existsSync(yarnBin)) {
      summarize(
        '   for reference: `yarn enclave synth` (incl. yarn)',
        await repeat(1, () =>
          measure(yarnBin, [
            'enclave',
            'synth',
            '--spec',
            specFile,
            '--out',
            out,
          ]),
        ),
      );
    }
    verdicts.push([
      `cold synth ≤ 1.0 s (wall ${s(cold.wallMs)})`,
      cold.wallMs <= 1000,
    ]);

    // 2. Many environments in one process.
    const many = await measure(process.execPath, [
      '-r',
      loader,
      join(__dirname, 'synthMany.ts'),
      String(count),
    ]);
    const result = JSON.parse(many.stdout.trim().split('\n').pop()!) as {
      wallMs: number;
      cpuMs: number;
      peakRssMb: number;
      resources: number;
    };
    console.log(
      `${`2. ${count} environments in one process`.padEnd(52)} wall ${s(
        result.wallMs,
      )}  cpu ${s(result.cpuMs)}  peak rss ${Math.round(
        result.peakRssMb,
      )} MB  (${result.resources} resources, ${(result.wallMs / count).toFixed(
        1,
      )} ms/env)`,
    );
    verdicts.push([
      `${count} envs ≤ 5 s (wall ${s(result.wallMs)})`,
      result.wallMs <= 5000,
    ]);
    verdicts.push([
      `${count} envs ≤ 500 MB (peak ${Math.round(result.peakRssMb)} MB)`,
      result.peakRssMb <= 500,
    ]);

    // 3a. cdktf synth CLI on the same stack.
    const project = mkdtempSync(join(tmpdir(), 'enclave-bench-cdktf-'));
    writeFileSync(
      join(project, 'cdktf.json'),
      JSON.stringify({
        language: 'typescript',
        app: `${process.execPath} ${join(__dirname, 'cdktfApp.js')}`,
        projectId: '00000000-0000-4000-8000-000000000000',
        sendCrashReports: 'false',
        terraformProviders: [],
        terraformModules: [],
        context: {},
      }),
    );
    try {
      const cdktf = summarize(
        '3a. `cdktf synth` CLI (same stack)',
        await repeat(cdktfRuns, () =>
          measure(process.execPath, [cdktfCli, 'synth'], { cwd: project }),
        ),
      );
      console.log(
        `    ratio cdktf synth / cold enclave synth: wall ${(
          cdktf.wallMs / cold.wallMs
        ).toFixed(1)}×, cpu ${(cdktf.cpuMs / cold.cpuMs).toFixed(1)}×`,
      );
      verdicts.push([
        `cdktf synth ≥ 5× slower (wall ${(cdktf.wallMs / cold.wallMs).toFixed(
          1,
        )}×)`,
        cdktf.wallMs >= 5 * cold.wallMs,
      ]);
    } catch (error) {
      console.log(
        `    cdktf synth could not run here: ${
          (error as Error).message.split('\n')[0]
        }`,
      );
    } finally {
      rmSync(project, { recursive: true, force: true });
    }

    // 3b. Same synthesis, provider loaded through its package index.
    const indexed = summarize(
      '3b. synth loading @cdktf/provider-aws package index',
      await repeat(cdktfRuns, () =>
        measure(process.execPath, [
          '-r',
          loader,
          join(__dirname, 'synthWithProviderIndex.ts'),
          out,
        ]),
      ),
    );
    console.log(
      `    ratio index-import / cold enclave synth: wall ${(
        indexed.wallMs / cold.wallMs
      ).toFixed(1)}×, cpu ${(indexed.cpuMs / cold.cpuMs).toFixed(1)}×`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  console.log('\ntargets:');
  for (const [label, ok] of verdicts)
    console.log(`  ${ok ? 'PASS' : 'MISS'}  ${label}`);
  if (strict && verdicts.some(([, ok]) => !ok)) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
