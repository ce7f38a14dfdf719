/*
 * The clean stack every stack-based guardrail test starts from: the example
 * spec in examples/environment.json, synthesized once per test file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { synthesizeEnvironment } from '../../stack';

export const EXAMPLE_SPEC_PATH = resolve(
  __dirname,
  '../../../../../examples/environment.json',
);

export interface CleanStack {
  /** Parsed cdk.tf.json. */
  json: Record<string, any>;
  stackDir: string;
  accountId: string;
  /** Removes the synthesized files. */
  dispose(): void;
}

export function synthesizeCleanStack(): CleanStack {
  const spec = JSON.parse(readFileSync(EXAMPLE_SPEC_PATH, 'utf8'));
  const outDir = mkdtempSync(join(tmpdir(), 'enclave-guardrails-'));
  const { stackDir, summary } = synthesizeEnvironment(spec, outDir);
  return {
    json: JSON.parse(readFileSync(summary.file, 'utf8')),
    stackDir,
    accountId: spec.accountId,
    dispose: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
