/*
 * Runs terraform (or tofu) in one environment's stack directory. Every run
 * writes its own CLI config (shared plugin cache, optional provider mirror), so
 * the machine's TF_CLI_CONFIG_FILE never leaks in. Secrets reach terraform
 * only through `env` (TF_VAR_*), never through arguments or files.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeTerraformCliConfig } from './cliConfig';
import { parseTerraformEvent } from './jsonEvents';
import { ProgressReporter } from './progressReporter';
import { spawnTerraform, SpawnTerraformResult } from './spawnTerraform';
import {
  describeDiagnostics,
  describeStateLock,
  findStateLock,
  summarizeStderr,
  TerraformCancelledError,
  TerraformCommandError,
} from './terraformErrors';

export interface TerraformTimeouts {
  initSeconds: number;
  planSeconds: number;
  applySeconds: number;
}

export interface TerraformRunnerOptions {
  /** `terraform` or `tofu` (or a path to either). */
  binary: string;
  /** The stack directory holding cdk.tf.json. */
  stackDir: string;
  pluginCacheDir: string;
  providerMirror?: string;
  timeouts?: Partial<TerraformTimeouts>;
  /** Extra environment: credentials, TF_VAR_* secrets. */
  env?: Record<string, string | undefined>;
  /** Receives progress lines for the task log. */
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** SIGINT → SIGKILL grace period. */
  killGraceMs?: number;
  onSpawn?: (pid: number, command: string) => void;
  /** Called after each resource completes during apply/destroy (for the card's progress bar). */
  onProgress?: (progress: { done: number; total: number }) => void;
}

export interface TerraformRunResult {
  summaryLine?: string;
  changes?: { add: number; change: number; remove: number };
  /** For `plan -detailed-exitcode`: whether the plan has changes. */
  hasChanges?: boolean;
}

const DEFAULT_TIMEOUTS: TerraformTimeouts = {
  initSeconds: 600,
  planSeconds: 1800,
  applySeconds: 7200,
};

/** Flags every non-interactive command gets. */
const AUTOMATION_FLAGS = ['-input=false', '-no-color'];

/**
 * Plan and apply wait this long for the state lock instead of failing at
 * once: the backend's own runs never overlap on an environment (each claims
 * it first), but a person's terraform run in the same working dir, or the
 * tail of one that is just releasing, may hold the lock briefly. A lock held
 * longer (a stale one) still fails, with its holder (describeStateLock).
 * `-lock-timeout=DURATION`: "retry acquiring a lock for a period of time
 * before returning an error" (Terraform CLI docs, `terraform plan` and
 * `terraform apply` options, which `terraform destroy` shares as an alias
 * of `apply -destroy`; OpenTofu has the same flag).
 */
const STATE_LOCK_WAIT_FLAG = '-lock-timeout=60s';

export class TerraformRunner {
  private readonly timeouts: TerraformTimeouts;

  constructor(private readonly options: TerraformRunnerOptions) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  }

  get stackDir(): string {
    return this.options.stackDir;
  }

  async init(): Promise<TerraformRunResult> {
    return this.run(
      'init',
      ['init', ...AUTOMATION_FLAGS, '-json'],
      this.timeouts.initSeconds,
    );
  }

  /** `plan -out`; `destroy: true` plans a teardown, `refreshOnly` checks drift. */
  async plan(
    planFile: string,
    mode: { destroy?: boolean; refreshOnly?: boolean } = {},
  ): Promise<TerraformRunResult> {
    const args = [
      'plan',
      ...AUTOMATION_FLAGS,
      '-json',
      '-detailed-exitcode',
      STATE_LOCK_WAIT_FLAG,
      `-out=${planFile}`,
    ];
    if (mode.destroy) args.push('-destroy');
    if (mode.refreshOnly) args.push('-refresh-only');
    return this.run('plan', args, this.timeouts.planSeconds, [0, 2]);
  }

  /** The plan as JSON (`terraform show -json`), for the guardrails and the summary. */
  async showPlan(planFile: string): Promise<unknown> {
    const text = await this.capture(
      'show',
      ['show', '-no-color', '-json', planFile],
      this.timeouts.planSeconds,
    );
    return JSON.parse(text);
  }

  /** `expectedChanges` (from the plan summary) numbers the progress lines `[n/total]`. */
  async apply(
    planFile: string,
    expectedChanges?: number,
  ): Promise<TerraformRunResult> {
    return this.run(
      'apply',
      [
        'apply',
        ...AUTOMATION_FLAGS,
        '-json',
        '-auto-approve',
        STATE_LOCK_WAIT_FLAG,
        planFile,
      ],
      this.timeouts.applySeconds,
      [0],
      expectedChanges,
    );
  }

  /** Output values, unwrapped (`{ name: value }`); sensitive ones are dropped. */
  async outputs(): Promise<Record<string, unknown>> {
    const text = await this.capture(
      'output',
      ['output', '-no-color', '-json'],
      this.timeouts.initSeconds,
    );
    const raw = JSON.parse(text || '{}') as Record<
      string,
      { value: unknown; sensitive?: boolean }
    >;
    return Object.fromEntries(
      Object.entries(raw)
        .filter(([, v]) => !v.sensitive)
        .map(([k, v]) => [k, v.value]),
    );
  }

  async destroy(): Promise<TerraformRunResult> {
    return this.run(
      'destroy',
      [
        'destroy',
        ...AUTOMATION_FLAGS,
        '-json',
        '-auto-approve',
        STATE_LOCK_WAIT_FLAG,
      ],
      this.timeouts.applySeconds,
    );
  }

  /** Runs a streaming (`-json`) command and reports progress. */
  private async run(
    command: string,
    args: string[],
    timeoutSeconds: number,
    okExitCodes: number[] = [0],
    expectedChanges?: number,
  ): Promise<TerraformRunResult> {
    const log = this.options.log ?? (() => {});
    const reporter = new ProgressReporter(log);
    if (expectedChanges !== undefined) reporter.expect(expectedChanges);
    const result = await this.spawn(command, args, timeoutSeconds, line => {
      const event = parseTerraformEvent(line);
      if (!event) return;
      reporter.handle(event);
      if (event.type === 'apply_complete' || event.type === 'apply_errored') {
        const { done, total } = reporter.progress();
        this.options.onProgress?.({ done, total: Math.max(done, total) });
      }
    });
    this.throwIfStopped(command, result);
    if (result.exitCode === null || !okExitCodes.includes(result.exitCode)) {
      const errors = reporter.errors();
      const lock = findStateLock(
        [
          ...errors.map(e => `${e.summary}\n${e.detail ?? ''}`),
          result.stderr,
        ].join('\n'),
      );
      let message = errors.length
        ? describeDiagnostics(errors)
        : summarizeStderr(result.stderr) || `exit code ${result.exitCode}`;
      if (lock) message = describeStateLock(lock);
      throw new TerraformCommandError(
        command,
        `terraform ${command} failed: ${message}`,
        errors,
        result.exitCode,
      );
    }
    const summaryLine = reporter.summaryLine();
    if (summaryLine) log(summaryLine);
    const changes = reporter.changeSummary();
    return {
      summaryLine,
      changes: changes && {
        add: changes.add,
        change: changes.change,
        remove: changes.remove,
      },
      hasChanges: command === 'plan' ? result.exitCode === 2 : undefined,
    };
  }

  /** Runs a command whose stdout is the product (show -json, output -json). */
  private async capture(
    command: string,
    args: string[],
    timeoutSeconds: number,
  ): Promise<string> {
    const chunks: string[] = [];
    const result = await this.spawn(command, args, timeoutSeconds, line =>
      chunks.push(line),
    );
    this.throwIfStopped(command, result);
    if (result.exitCode !== 0) {
      throw new TerraformCommandError(
        command,
        `terraform ${command} failed: ${
          summarizeStderr(result.stderr) || `exit code ${result.exitCode}`
        }`,
        [],
        result.exitCode,
      );
    }
    return chunks.join('\n');
  }

  private spawn(
    command: string,
    args: string[],
    timeoutSeconds: number,
    onLine: (line: string) => void,
  ): Promise<SpawnTerraformResult> {
    const { stackDir, pluginCacheDir, providerMirror } = this.options;
    const configDir = join(stackDir, '.enclave');
    mkdirSync(configDir, { recursive: true });
    const cli = writeTerraformCliConfig({
      dir: configDir,
      pluginCacheDir,
      providerMirror,
    });
    return spawnTerraform({
      binary: this.options.binary,
      args,
      cwd: stackDir,
      env: { ...process.env, ...this.options.env, ...cli.env },
      onLine,
      signal: this.options.signal,
      timeoutMs: timeoutSeconds * 1000,
      killGraceMs: this.options.killGraceMs,
      onSpawn: pid => this.options.onSpawn?.(pid, command),
    });
  }

  private throwIfStopped(command: string, result: SpawnTerraformResult) {
    if (result.stoppedBy)
      throw new TerraformCancelledError(command, result.stoppedBy);
  }
}
