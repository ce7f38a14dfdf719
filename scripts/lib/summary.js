#!/usr/bin/env node
/* Prints one table of what ran and the closing `summary: N passed, N failed` line. */
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
const read = file => {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, file), 'utf8'));
  } catch {
    return undefined;
  }
};

const steps = fs
  .readFileSync(path.join(out, 'steps.txt'), 'utf8')
  .trim()
  .split('\n')
  .filter(Boolean)
  .map(line => {
    const [name, rc, seconds] = line.split(' ');
    return { name, ok: rc === '0', seconds: Number(seconds) };
  });

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];

// Checks (tsc, lint, prettier) count once each; test steps count their tests.
for (const s of steps.filter(
  x => !['jest', 'multi-replica', 'e2e'].includes(x.name),
)) {
  s.ok ? passed++ : failed++;
  rows.push([s.name, s.ok ? 'ok' : 'FAILED', `${s.seconds}s`]);
}

const jest = read('jest.json');
const jestStep = steps.find(s => s.name === 'jest');
if (jest) {
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  skipped += jest.numPendingTests + (jest.numTodoTests ?? 0);
  // A suite that fails to load has no failed tests but still fails the run.
  const brokenSuites = jest.numRuntimeErrorTestSuites ?? 0;
  failed += brokenSuites;
  rows.push([
    'jest',
    `${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped, ${brokenSuites} suites broken`,
    `${jestStep?.seconds ?? '?'}s`,
  ]);
} else if (jestStep) {
  failed++;
  rows.push(['jest', 'no results (did jest start?)', `${jestStep.seconds}s`]);
}

// The multi-replica suite counts its checks (scripts/multi-replica/run.mjs).
const mrStep = steps.find(s => s.name === 'multi-replica');
const mr = read('multi-replica.json');
if (mr) {
  passed += mr.passed;
  failed += mr.failed;
  rows.push([
    'multi-replica',
    `${mr.passed} passed, ${mr.failed} failed${
      mr.failed
        ? `: ${mr.checks
            .filter(c => !c.ok)
            .map(c => c.name)
            .join('; ')}`
        : ''
    }`,
    `${mrStep?.seconds ?? mr.seconds}s`,
  ]);
  if (!mrStep?.ok && mr.failed === 0) failed++;
} else if (mrStep) {
  // No results file: skipped without PostgreSQL (exit 0), or died first.
  mrStep.ok ? skipped++ : failed++;
  rows.push([
    'multi-replica',
    mrStep.ok ? 'skipped (no PostgreSQL binaries)' : 'FAILED before checks ran',
    `${mrStep.seconds}s`,
  ]);
}

const e2eStep = steps.find(s => s.name === 'e2e');
const e2e = read('e2e/results.json');
if (e2e?.stats) {
  const st = e2e.stats;
  passed += st.expected;
  passed += st.flaky ?? 0; // passed on retry
  failed += st.unexpected;
  skipped += st.skipped;
  rows.push([
    'e2e',
    `${st.expected} passed, ${st.unexpected} failed, ${st.skipped} skipped, ${st.flaky} flaky`,
    `${e2eStep?.seconds ?? '?'}s`,
  ]);
  if (!e2eStep?.ok && st.unexpected === 0) failed++;
} else if (e2eStep) {
  e2eStep.ok ? skipped++ : failed++;
  rows.push([
    'e2e',
    e2eStep.ok ? 'skipped' : 'FAILED before tests ran',
    `${e2eStep.seconds}s`,
  ]);
}

const width = Math.max(...rows.map(r => r[0].length));
console.log('\n=== Data Enclave test summary ===');
for (const [name, result, time] of rows) {
  console.log(`${name.padEnd(width)}  ${result}  (${time})`);
}
console.log(`summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || steps.some(s => !s.ok) ? 1 : 0);
