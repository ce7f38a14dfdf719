/*
 * Runs the real terraform binary for the engine tests: own CLI config (shared
 * plugin cache + local provider mirror), fake credentials, argument arrays
 * only (never a shell string), and a minimal environment so real AWS
 * credentials of the developer's shell can never leak into a test run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeTerraformCliConfig } from '../../terraform/cliConfig';
import { findProviderMirror } from '../../terraform/findProviderMirror';

const execFileAsync = promisify(execFile);

/** Shared across test runs so the provider is unpacked once per machine. */
export const TEST_PLUGIN_CACHE_DIR = join(
  tmpdir(),
  'data-enclave-test-plugin-cache',
);

export interface EngineAvailability {
  available: boolean;
  reason?: string;
  mirror?: string;
}

/** Whether the real-engine tests can run here: terraform on PATH and a provider mirror. */
export function engineAvailability(): EngineAvailability {
  try {
    execFileSync('terraform', ['version'], { env: baseEnv(), stdio: 'pipe' });
  } catch (error) {
    return {
      available: false,
      reason: `terraform is not runnable: ${(error as Error).message}`,
    };
  }
  const mirror = findProviderMirror();
  if (!mirror) {
    return {
      available: false,
      reason:
        'no provider mirror with hashicorp/aws 5.100.0 found (set ENCLAVE_TF_PROVIDER_MIRROR)',
    };
  }
  return { available: true, mirror };
}

/** PATH, HOME, TMPDIR and LANG only: a developer's AWS credentials never reach a test run. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    if (process.env[key]) env[key] = process.env[key]!;
  }
  return env;
}

export interface TerraformRunner {
  run(
    args: string[],
    extraEnv?: Record<string, string>,
  ): Promise<{ stdout: string; stderr: string }>;
}

/** A runner bound to one stack directory, with its CLI config written into `configDir`. */
export function terraformRunner(options: {
  stackDir: string;
  configDir: string;
  mirror: string;
  variables?: Record<string, string>;
}): TerraformRunner {
  mkdirSync(options.configDir, { recursive: true });
  const cliConfig = writeTerraformCliConfig({
    dir: options.configDir,
    pluginCacheDir: TEST_PLUGIN_CACHE_DIR,
    providerMirror: options.mirror,
  });
  const env: Record<string, string> = {
    ...baseEnv(),
    ...cliConfig.env,
    AWS_ACCESS_KEY_ID: 'fake',
    AWS_SECRET_ACCESS_KEY: 'fake',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_REGION: 'us-east-1',
  };
  for (const [name, value] of Object.entries(options.variables ?? {}))
    env[`TF_VAR_${name}`] = value;
  return {
    async run(args, extraEnv = {}) {
      try {
        return await execFileAsync('terraform', args, {
          cwd: options.stackDir,
          env: { ...env, ...extraEnv },
          maxBuffer: 256 * 1024 * 1024,
        });
      } catch (error) {
        const e = error as Error & { stdout?: string; stderr?: string };
        throw new Error(
          `terraform ${args.join(' ')} failed: ${e.message}\n${
            e.stdout ?? ''
          }\n${e.stderr ?? ''}`,
        );
      }
    },
  };
}
