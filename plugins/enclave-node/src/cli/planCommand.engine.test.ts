/*
 * `enclave plan` and `enclave check` on its output, as a person runs them
 * from the repo root: real terraform, offline, through bin/enclave.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { GUARDRAIL_RULES } from '../guardrails';
import { findProviderMirror } from '../terraform/findProviderMirror';

const run = promisify(execFile);
// As if run from the repo root (yarn sets INIT_CWD to where it was invoked).
const env = { ...process.env, INIT_CWD: resolve(__dirname, '../../../..') };
const bin = resolve(__dirname, '../../bin/enclave');
const repo = resolve(__dirname, '../../../..');
const mirror = findProviderMirror();
if (!mirror && process.env.CI === 'true') {
  throw new Error('the provider mirror is required under CI=true');
}
const describeEngine = mirror ? describe : describe.skip;

describeEngine('enclave plan (real terraform)', () => {
  jest.setTimeout(600_000);

  it('plans the example spec offline, then `enclave check` passes the plan JSON', async () => {
    const out = mkdtempSync(join(tmpdir(), 'enclave-cli-plan-'));
    const planned = await run(
      process.execPath,
      [bin, 'plan', '--spec', 'examples/environment.json', '--out', out],
      { cwd: repo, env, maxBuffer: 64 * 1024 * 1024 },
    );
    const planJson = planned.stdout.trim();
    expect(planJson).toBe(join(out, 'stacks', 'analytics', 'plan.json'));
    expect(existsSync(planJson)).toBe(true);
    expect(planned.stderr).toMatch(
      /Plan: \d+ to add, 0 to change, 0 to destroy\./,
    );
    expect(planned.stderr).toContain(
      `Guardrails on the terraform plan: ${GUARDRAIL_RULES.length}/${GUARDRAIL_RULES.length} rules pass`,
    );

    const checked = await run(process.execPath, [bin, 'check', planJson], {
      cwd: repo,
      env,
    });
    expect(checked.stdout).toMatch(/G10/);
  });

  it('refuses a bad spec with exit 2 before any terraform runs', async () => {
    const out = mkdtempSync(join(tmpdir(), 'enclave-cli-plan-'));
    const error = await run(
      process.execPath,
      [bin, 'plan', '--spec', 'package.json', '--out', out],
      { cwd: repo, env },
    ).catch(e => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/package\.json: Invalid environment spec/);
    expect(existsSync(join(out, 'stacks'))).toBe(false);
  });
});
