#!/usr/bin/env node
/*
 * Stand-in terraform for the fault-injection suite. The first run of a test
 * file uses the REAL terraform for init/plan/show and records the plan JSON
 * (FAULT_PLAN_JSON); later runs replay it, so each injected fault costs
 * milliseconds instead of a real plan. apply/output are delegated to
 * applyStandInTerraform.js (recorded apply stream, known outputs), unless
 * FAULT_HANG_ON names the command: then it writes its pid to FAULT_PID_FILE,
 * holds a local state lock file like terraform does, and waits to be
 * interrupted (SIGINT: releases the lock, exits 1) or killed (SIGKILL: the
 * lock stays, as it would for terraform).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const command = args[0];
if (process.env.STANDIN_LOG)
  fs.appendFileSync(process.env.STANDIN_LOG, `${command}\n`);
const recorded = process.env.FAULT_PLAN_JSON;
const replay = recorded && fs.existsSync(recorded);

if (process.env.FAULT_HANG_ON === command) {
  const lock = path.join(process.cwd(), '.terraform.tfstate.lock.info');
  fs.writeFileSync(
    lock,
    JSON.stringify({ ID: String(process.pid), Operation: command }),
  );
  process.on('SIGINT', () => {
    fs.rmSync(lock, { force: true });
    process.exit(1);
  });
  fs.writeFileSync(process.env.FAULT_PID_FILE, String(process.pid));
  setInterval(() => {}, 1000);
} else if (replay && command === 'init') {
  process.exit(0);
} else if (replay && command === 'plan') {
  const out = args.find(a => a.startsWith('-out='));
  if (out) fs.writeFileSync(out.slice(5), 'replayed plan');
  process.exit(2);
} else if (replay && command === 'show') {
  process.stdout.write(fs.readFileSync(recorded), () => process.exit(0));
} else if (command === 'apply' || command === 'output') {
  const r = spawnSync(
    process.execPath,
    [path.join(__dirname, 'applyStandInTerraform.js'), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, STANDIN_LOG: '' },
    },
  );
  process.stdout.write(r.stdout ?? '', () => process.exit(r.status ?? 1));
} else {
  const real = spawnSync(process.env.REAL_TERRAFORM || 'terraform', args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 512 * 1024 * 1024,
  });
  if (command === 'show' && recorded && real.status === 0)
    fs.writeFileSync(recorded, real.stdout);
  process.stdout.write(real.stdout ?? '', () => process.exit(real.status ?? 1));
}
