/*
 * Shared setup for the lifecycle tests: the example spec, an apply-mode config
 * whose terraform is the stand-in binary (it records its arguments and never
 * talks to AWS), and a checkpoint store that behaves like ctx.checkpoint
 * across task retries (successful steps are remembered, failed ones re-run).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDataEnclaveConfig } from '@data-enclave/plugin-enclave-common';
import type { Checkpoint } from '../../provision/provisionEnvironment';

export const STAND_IN_TERRAFORM = resolve(
  __dirname,
  '../../terraform/__fixtures__/fake-terraform.js',
);

export const EXAMPLE_SPEC: Record<string, unknown> = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../../../../examples/environment.json'),
    'utf8',
  ),
);

export function standInSetup() {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-lifecycle-'));
  const config = parseDataEnclaveConfig({
    mode: 'apply',
    accounts: [
      {
        accountId: '123456789012',
        regions: ['eu-west-1'],
        // Apply mode requires the deployer role (the bucket exempts it).
        roleArn: 'arn:aws:iam::123456789012:role/enclave-deployer',
      },
    ],
    terraform: {
      binary: STAND_IN_TERRAFORM,
      pluginCacheDir: join(dir, 'plugin-cache'),
      workDir: join(dir, 'work'),
    },
  });
  const argsLog = join(dir, 'terraform-args.log');
  /** Environment for the stand-in: records invocations, optional one-off failure. */
  const terraformEnv = (failOnce?: string): Record<string, string> => ({
    FAKE_TF_ARGS_LOG: argsLog,
    ...(failOnce
      ? {
          FAKE_TF_FAIL_ONCE: failOnce,
          FAKE_TF_FAIL_ONCE_MARKER: join(dir, `failed-${failOnce}`),
        }
      : {}),
  });
  const terraformCommands = (): string[] => {
    try {
      return readFileSync(argsLog, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map(line => (JSON.parse(line) as string[])[0]);
    } catch {
      return [];
    }
  };
  return {
    dir,
    config,
    workDir: join(dir, 'work', 'data-science-analytics'),
    terraformEnv,
    terraformCommands,
  };
}

export function checkpointStore() {
  const done = new Map<string, unknown>();
  const checkpoint: Checkpoint = async (key, fn) => {
    if (done.has(key)) return done.get(key) as any;
    const value = await fn();
    done.set(key, value);
    return value;
  };
  return { done, checkpoint };
}
