/*
 * Child process of the synth benchmark: re-synthesizes N environments in one
 * process (as the backend does over its lifetime) and prints one JSON line
 * with wall time, CPU time and peak RSS. The first synthesis is included:
 * module loading is part of what a long-running process pays once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeEnvironment } from '../../plugins/enclave-node/src/stack';

const count = Number(process.argv[2] ?? 100);
const base = JSON.parse(
  readFileSync(join(__dirname, '../../examples/environment.json'), 'utf8'),
);
const regions = ['eu-west-1', 'us-east-1', 'eu-central-1', 'us-west-2'];
const outDir = mkdtempSync(join(tmpdir(), 'enclave-bench-many-'));

const cpu0 = process.cpuUsage();
const start = performance.now();
let resources = 0;
for (let i = 0; i < count; i++) {
  const { summary } = synthesizeEnvironment(
    { ...base, name: `env-${i}`, region: regions[i % regions.length] },
    outDir,
  );
  resources += summary.resourceTotal;
}
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpu0);
rmSync(outDir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    count,
    resources,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
