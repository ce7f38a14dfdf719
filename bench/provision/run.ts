/**
 * Provisioning benchmark: call counts and wall time with simulated AWS latency.
 *
 *   node -r @backstage/cli-node/config/nodeTransform.cjs bench/provision/run.ts [--latency 50]
 *
 * Every AWS call (SDK clients via aws-sdk-client-mock, Directory Service Data
 * via the in-memory fake) takes `latency` ms. New WorkSpaces answer PENDING to
 * their first poll and AVAILABLE to the second; the wait's first delay is set to
 * the latency so polling is part of the measurement without dominating it.
 *
 * Targets: wall(100)/wall(1) ≤ 1.5 and CreateWorkspaces calls = ⌈N/25⌉.
 * Exits non-zero when a target is missed.
 */
import { performance } from 'node:perf_hooks';
import { provisionDesktops } from '../../plugins/enclave-node/src/aws/provisionDesktops';
import { realTiming } from '../../plugins/enclave-node/src/aws/timing';
import {
  DIRECTORY_ID,
  FakeAws,
  KMS_KEY_ARN,
  makeUsers,
} from '../../plugins/enclave-node/src/aws/__testUtils__/fakeAws';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const latencyMs = arg('latency', 50);
const sizes = [1, 25, 100];

async function runOnce(n: number) {
  const aws = new FakeAws({ latencyMs, pendingPolls: 1 });
  let logLines = 0;
  const logger = {
    info: () => logLines++,
    warn: () => logLines++,
    error: () => logLines++,
  };
  const started = performance.now();
  const result = await provisionDesktops({
    environment: 'bench',
    users: makeUsers(n),
    kmsKeyArn: KMS_KEY_ARN,
    directoryId: DIRECTORY_ID,
    computeType: 'STANDARD',
    autoStopTimeoutMinutes: 60,
    tags: { 'enclave:team': 'bench' },
    clients: aws.clients,
    logger,
    options: { timing: realTiming, waitMinDelayMs: latencyMs },
  });
  const wallMs = performance.now() - started;
  aws.restore();
  const ready = result.desktops.filter(d => d.state === 'AVAILABLE').length;
  if (ready !== n) throw new Error(`only ${ready}/${n} desktops AVAILABLE`);
  return { n, wallMs, counts: new Map(aws.counts), total: aws.totalCalls() };
}

async function main() {
  await runOnce(1); // warm-up: module loading and JIT, not measured
  const runs: Awaited<ReturnType<typeof runOnce>>[] = [];
  for (const n of sizes) runs.push(await runOnce(n));

  console.log(
    `provision bench: ${latencyMs} ms per AWS call, socket pool per client (maxSockets) bounds concurrency\n`,
  );
  const apis = [...new Set(runs.flatMap(r => [...r.counts.keys()]))].sort();
  const header = ['API', ...runs.map(r => `N=${r.n}`)];
  const rows = [
    ...apis.map(api => [api, ...runs.map(r => String(r.counts.get(api) ?? 0))]),
    ['(total calls)', ...runs.map(r => String(r.total))],
    ['wall ms', ...runs.map(r => r.wallMs.toFixed(0))],
  ];
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map(row => row[i].length)),
  );
  for (const row of [header, ...rows]) {
    console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  }

  const wall1 = runs.find(r => r.n === 1)!.wallMs;
  const wall100 = runs.find(r => r.n === 100)!.wallMs;
  const ratio = wall100 / wall1;
  const batchesOk = runs.every(
    r => (r.counts.get('CreateWorkspaces') ?? 0) === Math.ceil(r.n / 25),
  );
  console.log(
    `\nwall(100)/wall(1) = ${ratio.toFixed(2)} (target ≤ 1.5): ${
      ratio <= 1.5 ? 'PASS' : 'FAIL'
    }`,
  );
  console.log(
    `CreateWorkspaces calls = ⌈N/25⌉ for every N: ${
      batchesOk ? 'PASS' : 'FAIL'
    }`,
  );
  if (ratio > 1.5 || !batchesOk) process.exitCode = 1;
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
