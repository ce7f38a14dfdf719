/*
 * Process supervision with real processes and a stand-in terraform binary
 * (__fixtures__/fake-terraform.js: waits for SIGINT like terraform, records
 * that it was interrupted). No AWS, no real terraform: this is about kill
 * timing, which the multi-replica script also checks with real plans.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createPrivateRunDir,
  privateRunRoot,
  sweepPrivateRunDirs,
} from './privateRunDirs';
import { spawnTerraform } from './spawnTerraform';
import { interruptAllTerraform } from './terraformSupervisor';

const STAND_IN = resolve(__dirname, '__fixtures__/fake-terraform.js');

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise(r => setTimeout(r, 50));
  }
}

describe('terraform supervision (stand-in terraform)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enclave-supervision-'));
  });

  function hangingEnv() {
    return {
      ...process.env,
      FAKE_TF_HANG: '1',
      FAKE_TF_READY: join(dir, 'ready'),
      FAKE_TF_MARKER: join(dir, 'interrupted'),
    };
  }

  it('cancel sends SIGINT through the watchdog and terraform is gone', async () => {
    const controller = new AbortController();
    let pid = 0;
    const run = spawnTerraform({
      binary: STAND_IN,
      args: ['plan'],
      cwd: dir,
      env: hangingEnv(),
      signal: controller.signal,
      killGraceMs: 5000,
      onSpawn: p => {
        pid = p;
      },
    });
    await waitFor(() => existsSync(join(dir, 'ready')));
    controller.abort();
    const result = await run;
    expect(result.stoppedBy).toBe('abort');
    expect(readFileSync(join(dir, 'interrupted'), 'utf8')).toBe('interrupted');
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  });

  it('a backend shutdown interrupts every running terraform', async () => {
    const runs = [0, 1].map(i =>
      spawnTerraform({
        binary: STAND_IN,
        args: ['plan'],
        cwd: dir,
        env: { ...hangingEnv(), FAKE_TF_READY: join(dir, `ready-${i}`) },
        killGraceMs: 5000,
      }),
    );
    await waitFor(
      () =>
        existsSync(join(dir, 'ready-0')) && existsSync(join(dir, 'ready-1')),
    );
    await interruptAllTerraform(5000);
    const results = await Promise.all(runs);
    expect(results.map(r => r.stoppedBy)).toEqual(['shutdown', 'shutdown']);
  });

  it('terraform does not outlive a backend killed with SIGKILL', async () => {
    // A throwaway "backend": a node process that starts terraform through
    // spawnTerraform and then hangs; we SIGKILL it like the OOM killer would.
    const script = join(dir, 'backend.js');
    writeFileSync(
      script,
      `const { spawnTerraform } = require(${JSON.stringify(
        resolve(__dirname, 'spawnTerraform.ts'),
      )});
       spawnTerraform({ binary: ${JSON.stringify(STAND_IN)}, args: ['plan'],
         cwd: ${JSON.stringify(dir)}, env: process.env, killGraceMs: 3000,
         onSpawn: pid => require('fs').writeFileSync(${JSON.stringify(
           join(dir, 'tf.pid'),
         )}, String(pid)) });
       setInterval(() => {}, 1000);`,
    );
    // Backstage's own TypeScript loader, as `yarn start` uses for the backend.
    const backend = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        script,
      ],
      {
        env: hangingEnv(),
        stdio: 'ignore',
      },
    );
    await waitFor(
      () => existsSync(join(dir, 'ready')) && existsSync(join(dir, 'tf.pid')),
      60_000,
    );
    const tfPid = Number(readFileSync(join(dir, 'tf.pid'), 'utf8'));
    backend.kill('SIGKILL');
    await waitFor(() => !alive(tfPid), 15_000);
    // Interrupted (SIGINT, state saved), not killed outright.
    expect(readFileSync(join(dir, 'interrupted'), 'utf8')).toBe('interrupted');
  }, 90_000);

  it('the startup sweep removes run dirs of dead owners and keeps live ones', async () => {
    const root = join(dir, 'runs');
    const previous = process.env.ENCLAVE_TERRAFORM_TMPDIR;
    process.env.ENCLAVE_TERRAFORM_TMPDIR = root;
    try {
      const mine = createPrivateRunDir('plan');
      writeFileSync(join(mine, 'enclave.tfplan'), 'secret');
      // A dir left by a process that no longer exists (pid of an exited child).
      const dead = spawn(process.execPath, ['-e', '0']);
      await new Promise(r => dead.once('exit', r));
      const left = join(root, 'plan-left');
      mkdirSync(left);
      writeFileSync(
        join(left, 'owner.json'),
        JSON.stringify({ pid: dead.pid }),
      );
      writeFileSync(join(left, 'enclave.tfplan'), 'secret');
      const noOwner = join(root, 'plan-noowner');
      mkdirSync(noOwner);

      const result = await sweepPrivateRunDirs();
      expect(result.removed.sort()).toEqual([left, noOwner].sort());
      expect(existsSync(mine)).toBe(true);
      expect(privateRunRoot()).toBe(root);
    } finally {
      if (previous === undefined) delete process.env.ENCLAVE_TERRAFORM_TMPDIR;
      else process.env.ENCLAVE_TERRAFORM_TMPDIR = previous;
    }
  });
});
