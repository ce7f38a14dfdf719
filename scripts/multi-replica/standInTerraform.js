#!/usr/bin/env node
/*
 * STAND-IN TERRAFORM for the multi-replica suite (scripts/multi-replica-test.sh).
 * The suite is about processes dying at the wrong moment, so what matters is
 * kill timing, not what terraform computes: a real plan of the full stack
 * takes minutes on a busy machine, and the suite needs a dozen of them.
 *
 * - `plan` writes its -out file the way terraform's plan file carries the
 *   directory admin password (TF_VAR_directory_admin_password, in clear text),
 *   so the suite's disk scan is meaningful, and records the password in
 *   $MR_PASSWORDS (outside every scanned dir). When $MR_SLOW_DIR/<env>.slow
 *   exists it is consumed and this plan sleeps $MR_SLOW_SECONDS first, writing
 *   its pid to $MR_SLOW_DIR/<env>.pid: that is the window in which the suite
 *   kills a backend. SIGINT ends it like terraform (exit 1). Plans with
 *   `-destroy` of a `day2-*` environment take $MR_DESTROY_SECONDS.
 * - `show -json` replays $MR_PLAN_JSON, a plan recorded with the REAL
 *   terraform by the suite (`enclave plan` on examples/environment.json).
 * - `init` needs the working dir the pipeline synthesized (cdk.tf.json) and
 *   records that it ran, per backend ($ENCLAVE_RUN_OWNER), in $MR_LOG.
 */
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const command = args[0];
const env = path.basename(process.cwd());
const log = line =>
  process.env.MR_LOG &&
  fs.appendFileSync(
    process.env.MR_LOG,
    `${JSON.stringify({
      command,
      env,
      owner: process.env.ENCLAVE_RUN_OWNER,
      pid: process.pid,
      at: Date.now(),
      ...line,
    })}\n`,
  );
const sleep = s => new Promise(r => setTimeout(r, s * 1000));
process.on('SIGINT', () => {
  log({ interrupted: true });
  process.exit(1);
});

async function main() {
  log({});
  if (command === 'init') {
    if (!fs.existsSync('cdk.tf.json')) {
      process.stderr.write('Error: no configuration in this working dir\n');
      return 1;
    }
    fs.mkdirSync('.terraform', { recursive: true });
    return 0;
  }
  if (command === 'plan') {
    if (!fs.existsSync('.terraform')) {
      // What real terraform says in a fresh dir that skipped init.
      process.stderr.write(
        'Error: Backend initialization required, please run "terraform init"\n',
      );
      return 1;
    }
    const out = args.find(a => a.startsWith('-out='));
    const password = process.env.TF_VAR_directory_admin_password ?? '';
    if (process.env.MR_PASSWORDS && password) {
      fs.appendFileSync(process.env.MR_PASSWORDS, `${password}\n`);
    }
    if (out) {
      fs.writeFileSync(
        out.slice(5),
        `stand-in plan\nvariables: directory_admin_password=${password}\n`,
      );
    }
    const slowMarker = path.join(
      process.env.MR_SLOW_DIR ?? '/nonexistent',
      `${env}.slow`,
    );
    if (fs.existsSync(slowMarker)) {
      fs.rmSync(slowMarker);
      fs.writeFileSync(
        path.join(process.env.MR_SLOW_DIR, `${env}.pid`),
        JSON.stringify({
          pid: process.pid,
          owner: process.env.ENCLAVE_RUN_OWNER,
        }),
      );
      await sleep(Number(process.env.MR_SLOW_SECONDS ?? 120));
    }
    if (args.includes('-destroy') && env.includes('day2-')) {
      await sleep(Number(process.env.MR_DESTROY_SECONDS ?? 8));
    }
    return 2;
  }
  if (command === 'show') {
    await new Promise(r =>
      process.stdout.write(fs.readFileSync(process.env.MR_PLAN_JSON), r),
    );
    return 0;
  }
  process.stderr.write(
    `stand-in terraform: ${command} is not used by this suite\n`,
  );
  return 1;
}

main().then(code => process.exit(code));
