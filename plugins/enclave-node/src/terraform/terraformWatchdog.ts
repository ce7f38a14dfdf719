/*
 * Every terraform command runs under a tiny Node watchdog (`node -e` with the
 * source below), a child of the backend connected to it by an IPC channel.
 *
 * Why: a terraform child outlives its parent. Without this, a backend killed
 * with SIGKILL (OOM killer, `kill -9`, a node drain that skips the grace
 * period) or stopped with SIGTERM leaves terraform running under PID 1,
 * holding the state lock and the plan file. The IPC channel closes whenever
 * the parent dies, however it dies, and the watchdog then interrupts
 * terraform the way an operator would: SIGINT (terraform finishes its current
 * calls, writes state, releases the lock), SIGKILL only after the grace
 * period. The same path serves cancel and timeouts: the backend sends SIGINT
 * to the watchdog, which forwards it; SIGTERM to the watchdog means "kill
 * terraform now".
 *
 * Kept as a string so it works the same from TypeScript sources and from the
 * built package (no extra file to ship or resolve). argv: binary, graceMs,
 * then terraform's own arguments (an array, never a shell string).
 */
export const TERRAFORM_WATCHDOG_SOURCE = `
const { spawn } = require('node:child_process');
const [binary, graceMs, ...args] = process.argv.slice(1);
const send = m => { if (process.connected) { try { process.send(m); } catch {} } };
const child = spawn(binary, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let interrupted = false;
const running = () => child.exitCode === null && child.signalCode === null;
function interrupt() {
  if (!running() || interrupted) return;
  interrupted = true;
  child.kill('SIGINT');
  setTimeout(() => { if (running()) child.kill('SIGKILL'); }, Number(graceMs)).unref();
}
process.on('SIGINT', interrupt);
process.on('SIGTERM', () => { if (running()) child.kill('SIGKILL'); });
process.on('disconnect', interrupt);
child.on('spawn', () => send({ pid: child.pid }));
child.on('error', e => { send({ spawnError: e.code || 'ERROR', message: e.message }); process.exit(127); });
child.on('exit', (code, signal) => {
  send({ exitCode: code, signal });
  process.exitCode = code === null ? 128 : code;
  if (process.connected) process.disconnect();
});
`;
