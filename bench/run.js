#!/usr/bin/env node
/*
 * `yarn bench`: runs every benchmark in this folder one after another (so
 * their figures come from the same machine, load and run), with reduced
 * counts so the whole set stays within a few minutes on 2 cores, and prints
 * ONE table: each measured figure next to its anchor/target and the verdict,
 * plus the machine facts. Each benchmark keeps its own detailed output above
 * the table. Pass --full to use every script's default (larger) counts.
 *
 * The figures are the lines each script states against its anchor (ratios,
 * PASS/MISS/FAIL, met/MISSED, OK/FAILED); they are taken from the scripts'
 * own output so that there is one definition of every measurement.
 */
'use strict';
const { spawnSync, execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

const full = process.argv.includes('--full');
const BENCHES = [
  {
    name: 'synth',
    script: 'synth/run.js',
    reduced: ['--runs', '3', '--cdktf-runs', '1', '--count', '30'],
  },
  { name: 'provision', script: 'provision/run.js', reduced: [] },
  { name: 'runner', script: 'runner/run.js', reduced: ['--runs', '1'] },
  { name: 'status', script: 'status/run.js', reduced: ['--duration', '3'] },
  { name: 'fleet', script: 'fleet/run.js', reduced: ['--n', '10,20'] },
];

/** Lines that state a figure against its anchor, in the scripts' own words. */
const FIGURE = /(PASS|MISS|FAIL|\bmet\b|MISSED|^OK:|^FAILED:|ratio|×)/;

function terraformVersion() {
  try {
    return JSON.parse(
      execFileSync('terraform', ['version', '-json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ).terraform_version;
  } catch {
    return 'not found';
  }
}

function verdictOf(line) {
  if (/\b(MISS|MISSED|FAIL|FAILED)\b/.test(line)) return 'missed';
  if (/\b(PASS|met|OK)\b/.test(line)) return 'met';
  return '';
}

function main() {
  const rows = [];
  for (const bench of BENCHES) {
    const script = join(__dirname, bench.script);
    if (!existsSync(script)) continue;
    const args = [script, ...(full ? [] : bench.reduced)];
    console.log(
      `\n::: bench ${bench.name}: node ${args
        .map(a => a.replace(`${__dirname}/`, 'bench/'))
        .join(' ')}`,
    );
    const started = Date.now();
    const result = spawnSync(process.execPath, args, {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    const figures = result.stdout
      .split('\n')
      .map(l =>
        l
          .trim()
          .replace(/^\|\s*|\s*\|$/g, '')
          .replace(/\s*\|\s*/g, ' — '),
      )
      .filter(
        l => l && FIGURE.test(l) && !/^-+$/.test(l) && !/^targets:$/.test(l),
      );
    if (!figures.length)
      figures.push(`(no figure lines; exit ${result.status})`);
    figures.forEach((figure, i) =>
      rows.push([
        i === 0 ? bench.name : '',
        figure,
        verdictOf(figure),
        i === 0 ? `${seconds} s` : '',
      ]),
    );
    if (result.status !== 0)
      rows.push(['', `exit code ${result.status}`, 'missed', '']);
  }

  const cpu = os.cpus();
  console.log('\n## Benchmarks: one run, side by side\n');
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(
      os.totalmem() / 2 ** 30,
    )} GB RAM, load ${os
      .loadavg()
      .map(l => l.toFixed(2))
      .join(' ')}; Node ${
      process.version
    }; terraform ${terraformVersion()}; ${new Date().toISOString()}; ${
      full ? 'full counts' : 'reduced counts (--full for defaults)'
    }\n`,
  );
  const header = ['benchmark', 'figure vs anchor', 'verdict', 'wall'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows)
    console.log(`| ${row.map(c => c.replace(/\|/g, '/')).join(' | ')} |`);
}

main();
