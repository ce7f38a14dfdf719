#!/usr/bin/env node
/*
 * Stand-in terraform for the fleet tests: the real terraform for everything
 * (init, plan, show) except `apply`, which must never reach AWS. `apply`
 * records its arguments in FLEET_APPLY_LOG, replays the recorded apply stream
 * the runner tests use, and exits 1 when FLEET_APPLY_FAIL is set (a canary
 * that fails). `output` prints no outputs, as after an apply of a stack
 * without outputs.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
if (args[0] === 'apply') {
  if (process.env.FLEET_APPLY_LOG) {
    fs.appendFileSync(
      process.env.FLEET_APPLY_LOG,
      `${JSON.stringify({ cwd: process.cwd(), args })}\n`,
    );
  }
  if (process.env.FLEET_APPLY_FAIL) {
    process.stderr.write('Error: stand-in apply failed (FLEET_APPLY_FAIL)\n');
    process.exit(1);
  }
  process.stdout.write(
    fs.readFileSync(
      path.join(
        path.dirname(process.argv[1]),
        '../../terraform/__fixtures__/apply-stream.jsonl',
      ),
      'utf8',
    ),
  );
  process.exit(0);
}
if (args[0] === 'output') {
  process.stdout.write('{}\n');
  process.exit(0);
}
const real = spawnSync(process.env.FLEET_REAL_TERRAFORM || 'terraform', args, {
  stdio: 'inherit',
});
process.exit(real.status ?? 1);
