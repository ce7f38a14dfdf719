#!/usr/bin/env node
/*
 * Stand-in terraform binary for runner tests: replays a recorded `-json`
 * stream (FAKE_TF_STREAM) and exits with FAKE_TF_EXIT. With FAKE_TF_HANG it
 * waits for SIGINT like terraform does, then writes FAKE_TF_MARKER and exits 1.
 * FAKE_TF_FAIL_ONCE=<command> fails that command (exit 1) the first time only,
 * remembering it in the FAKE_TF_FAIL_ONCE_MARKER file (retry tests).
 */
const fs = require('fs');

const args = process.argv.slice(2);
if (process.env.FAKE_TF_ARGS_LOG) {
  fs.appendFileSync(process.env.FAKE_TF_ARGS_LOG, `${JSON.stringify(args)}\n`);
}
if (process.env.FAKE_TF_ENV_LOG) {
  fs.writeFileSync(
    process.env.FAKE_TF_ENV_LOG,
    JSON.stringify({ TF_CLI_CONFIG_FILE: process.env.TF_CLI_CONFIG_FILE }),
  );
}
if (
  process.env.FAKE_TF_FAIL_ONCE === args[0] &&
  process.env.FAKE_TF_FAIL_ONCE_MARKER &&
  !fs.existsSync(process.env.FAKE_TF_FAIL_ONCE_MARKER)
) {
  fs.writeFileSync(process.env.FAKE_TF_FAIL_ONCE_MARKER, args[0]);
  process.stderr.write(`Error: stand-in ${args[0]} failed once\n`);
  process.exit(1);
}
if (process.env.FAKE_TF_STREAM) {
  process.stdout.write(fs.readFileSync(process.env.FAKE_TF_STREAM, 'utf8'));
}
if (process.env.FAKE_TF_STDERR)
  process.stderr.write(process.env.FAKE_TF_STDERR);
if (process.env.FAKE_TF_HANG) {
  process.on('SIGINT', () => {
    if (process.env.FAKE_TF_MARKER)
      fs.writeFileSync(process.env.FAKE_TF_MARKER, 'interrupted');
    process.exit(1);
  });
  // Tells the test the SIGINT handler is in place (node start-up can be slow).
  if (process.env.FAKE_TF_READY)
    fs.writeFileSync(process.env.FAKE_TF_READY, 'ready');
  setInterval(() => {}, 1000);
} else {
  process.exit(Number(process.env.FAKE_TF_EXIT ?? 0));
}
