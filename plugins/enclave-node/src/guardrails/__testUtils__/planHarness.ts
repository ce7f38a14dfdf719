/*
 * Real `terraform plan` for the plan-level guardrail suites, made cheap: one
 * `terraform init` in a base directory, then every variant gets its own
 * directory with the same `.terraform` (symlinked) and lock file, a private
 * CLI config (the machine's TF_CLI_CONFIG_FILE is never used), fake
 * credentials, `-refresh=false` and `-lock=false`. Only a minimal environment
 * is passed, so a developer's real AWS credentials can never reach a test run.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  rmSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeTerraformCliConfig } from '../../terraform/cliConfig';
import { baseEnv } from '../../stack/__testUtils__/terraformHarness';

const execFileAsync = promisify(execFile);

/** Separate from other suites' caches: Terraform's plugin cache is not safe for concurrent inits. */
const PLUGIN_CACHE_DIR = join(tmpdir(), 'data-enclave-guardrails-plugin-cache');

// One definition of "can the real engine run here" for every engine suite.
export { engineAvailability } from '../../stack/__testUtils__/terraformHarness';
export type { EngineAvailability } from '../../stack/__testUtils__/terraformHarness';

export class PlanHarness {
  readonly root = mkdtempSync(join(tmpdir(), 'enclave-guardrail-plans-'));
  private readonly baseDir = join(this.root, 'base');
  private env: Record<string, string> = {};
  private counter = 0;

  constructor(
    private readonly mirror: string,
    private readonly region: string,
  ) {}

  /** Writes the CLI config and runs `terraform init` once, on the clean stack. */
  async init(cleanStack: object): Promise<void> {
    mkdirSync(this.baseDir, { recursive: true });
    writeFileSync(
      join(this.baseDir, 'cdk.tf.json'),
      JSON.stringify(cleanStack),
    );
    const cli = writeTerraformCliConfig({
      dir: this.root,
      pluginCacheDir: PLUGIN_CACHE_DIR,
      providerMirror: this.mirror,
    });
    this.env = {
      ...baseEnv(),
      ...cli.env,
      AWS_ACCESS_KEY_ID: 'fake',
      AWS_SECRET_ACCESS_KEY: 'fake',
      AWS_REGION: this.region,
      AWS_EC2_METADATA_DISABLED: 'true',
      // Plan-mode stacks take the directory password as a sensitive variable.
      TF_VAR_directory_admin_password: 'Plan-Only-Passw0rd!',
    };
    await this.terraform(this.baseDir, [
      'init',
      '-input=false',
      '-no-color',
      '-backend=true',
    ]);
  }

  /** `terraform plan` + `terraform show -json` of one stack variant; resolves to the parsed plan JSON. */
  async plan(stack: object): Promise<unknown> {
    const dir = join(this.root, `variant-${++this.counter}`);
    mkdirSync(dir);
    symlinkSync(
      join(this.baseDir, '.terraform'),
      join(dir, '.terraform'),
      'dir',
    );
    copyFileSync(
      join(this.baseDir, '.terraform.lock.hcl'),
      join(dir, '.terraform.lock.hcl'),
    );
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(stack));
    await this.terraform(dir, [
      'plan',
      '-input=false',
      '-no-color',
      '-refresh=false',
      '-lock=false',
      '-out=plan.tfplan',
    ]);
    const { stdout } = await this.terraform(dir, [
      'show',
      '-json',
      'plan.tfplan',
    ]);
    return JSON.parse(stdout);
  }

  /** Removes every working directory (the shared plugin cache stays). */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** `terraform providers schema -json` (needs init). */
  async providerSchema(): Promise<any> {
    const { stdout } = await this.terraform(this.baseDir, [
      'providers',
      'schema',
      '-json',
    ]);
    return JSON.parse(stdout);
  }

  private async terraform(
    cwd: string,
    args: string[],
  ): Promise<{ stdout: string }> {
    try {
      const { stdout } = await execFileAsync('terraform', args, {
        cwd,
        env: this.env,
        maxBuffer: 256 * 1024 * 1024,
      });
      return { stdout };
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; message: string };
      throw new Error(
        `terraform ${args[0]} failed in ${cwd}:\n${
          e.stderr || e.stdout || e.message
        }`,
      );
    }
  }
}

/** Runs `tasks` with at most `limit` in flight; keeps each result or error. */
export async function runPool<T>(
  tasks: (() => Promise<T>)[],
  limit: number,
): Promise<({ ok: true; value: T } | { ok: false; error: Error })[]> {
  const results: ({ ok: true; value: T } | { ok: false; error: Error })[] =
    new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await tasks[index]() };
      } catch (error) {
        results[index] = { ok: false, error: error as Error };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, worker),
  );
  return results;
}
