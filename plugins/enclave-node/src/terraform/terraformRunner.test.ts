import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformRunner } from './terraformRunner';
import {
  TerraformCancelledError,
  TerraformCommandError,
} from './terraformErrors';

const FAKE = join(__dirname, '__fixtures__', 'fake-terraform.js');

// Each command starts two Node processes (the watchdog and the stand-in); on
// a loaded CI machine that alone can take seconds.
jest.setTimeout(30_000);
const STREAM = join(__dirname, '__fixtures__', 'apply-stream.jsonl');

function runner(
  env: Record<string, string>,
  extra: Partial<ConstructorParameters<typeof TerraformRunner>[0]> = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-runner-'));
  const lines: string[] = [];
  const r = new TerraformRunner({
    binary: FAKE,
    stackDir: dir,
    pluginCacheDir: join(dir, 'cache'),
    env,
    log: line => lines.push(line),
    ...extra,
  });
  return { r, lines, dir };
}

describe('TerraformRunner against a stand-in binary replaying a recorded -json stream', () => {
  it('turns apply events into numbered progress lines and extracts the AWS error', async () => {
    const { r, lines } = runner({ FAKE_TF_STREAM: STREAM, FAKE_TF_EXIT: '1' });
    await expect(r.apply('plan.tfplan', 3)).rejects.toThrow(
      TerraformCommandError,
    );
    expect(lines).toEqual([
      '[1/3] aws_vpc.network: created (3s)',
      '[2/3] aws_kms_key.kms: created (12s)',
      '[2/3] aws_directory_service_directory.directory: still working (60s)',
      '[3/3] aws_directory_service_directory.directory: FAILED to create (62s)',
    ]);
    const error = (await r
      .apply('plan.tfplan')
      .catch(e => e)) as TerraformCommandError;
    expect(error.message).toBe(
      'terraform apply failed: aws_directory_service_directory.directory: creating Directory Service MicrosoftAD Directory (analytics.enclave.internal): operation error Directory Service: CreateMicrosoftAD, https response error StatusCode: 400, RequestID: 5e0c, ClientException: Subnets must be in two different Availability Zones',
    );
    expect(error.diagnostics[0].address).toBe(
      'aws_directory_service_directory.directory',
    );
  });

  it('prints the summary line when the command succeeds', async () => {
    const { r, lines } = runner({ FAKE_TF_STREAM: STREAM, FAKE_TF_EXIT: '0' });
    const result = await r.apply('plan.tfplan');
    expect(result.summaryLine).toBe(
      'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
    );
    expect(lines.at(-1)).toBe(result.summaryLine);
  });

  it('passes argument arrays, never a shell string, and its own CLI config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enclave-args-'));
    const argsLog = join(dir, 'args.jsonl');
    const envLog = join(dir, 'env.json');
    const { r, dir: stackDir } = runner({
      FAKE_TF_ARGS_LOG: argsLog,
      FAKE_TF_ENV_LOG: envLog,
      TF_CLI_CONFIG_FILE: '/machine/terraformrc',
    });
    await r.plan('with space; $(rm -rf x).tfplan', { destroy: true });
    const args = JSON.parse(readFileSync(argsLog, 'utf8').trim());
    expect(args).toEqual([
      'plan',
      '-input=false',
      '-no-color',
      '-json',
      '-detailed-exitcode',
      '-lock-timeout=60s',
      '-out=with space; $(rm -rf x).tfplan',
      '-destroy',
    ]);
    const env = JSON.parse(readFileSync(envLog, 'utf8'));
    expect(env.TF_CLI_CONFIG_FILE).toBe(
      join(stackDir, '.enclave', 'terraform.rc'),
    );
    expect(readFileSync(env.TF_CLI_CONFIG_FILE, 'utf8')).toContain(
      'plugin_cache_dir',
    );
  });

  it('lets apply wait for the state lock like plan (-lock-timeout), before the plan file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enclave-args-'));
    const argsLog = join(dir, 'args.jsonl');
    const { r } = runner({ FAKE_TF_ARGS_LOG: argsLog, FAKE_TF_EXIT: '0' });
    await r.apply('p.tfplan');
    expect(JSON.parse(readFileSync(argsLog, 'utf8').trim())).toEqual([
      'apply',
      '-input=false',
      '-no-color',
      '-json',
      '-auto-approve',
      '-lock-timeout=60s',
      'p.tfplan',
    ]);
  });

  it('lets destroy wait for the state lock too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enclave-args-'));
    const argsLog = join(dir, 'args.jsonl');
    const { r } = runner({ FAKE_TF_ARGS_LOG: argsLog, FAKE_TF_EXIT: '0' });
    await r.destroy();
    expect(JSON.parse(readFileSync(argsLog, 'utf8').trim())).toEqual([
      'destroy',
      '-input=false',
      '-no-color',
      '-json',
      '-auto-approve',
      '-lock-timeout=60s',
    ]);
  });

  it('treats plan exit code 2 as "has changes", not as a failure', async () => {
    const { r } = runner({ FAKE_TF_EXIT: '2' });
    await expect(r.plan('p.tfplan')).resolves.toMatchObject({
      hasChanges: true,
    });
  });

  it('falls back to stderr when terraform emits no diagnostics', async () => {
    const { r } = runner({
      FAKE_TF_EXIT: '1',
      FAKE_TF_STDERR:
        '\n│ Error: Failed to load plugin schemas\n│ \n│ more detail\n',
    });
    await expect(r.init()).rejects.toThrow(
      'terraform init failed: Error: Failed to load plugin schemas',
    );
  });

  it('names the holder of a stale state lock and when a force-unlock is safe', async () => {
    // The Lock Info block as terraform prints it (internal/states/statemgr/locker.go).
    const { r } = runner({
      FAKE_TF_EXIT: '1',
      FAKE_TF_STDERR: [
        '│ Error: Error acquiring the state lock',
        '│ ',
        '│ Error message: resource temporarily unavailable',
        '│ Lock Info:',
        '│   ID:        8a3c2f3e-1b7d-4a57-9f0e-2f4c1d9e7b21',
        '│   Path:      terraform.tfstate',
        '│   Operation: OperationTypeApply',
        '│   Who:       backstage@replica-a',
        '│   Version:   1.11.4',
        '│   Created:   2026-12-01 20:01:02.345 +0000 UTC',
        '│   Info:      ',
        '',
      ].join('\n'),
    });
    const error = await r.plan('out.tfplan').catch(e => e);
    expect(error).toBeInstanceOf(TerraformCommandError);
    expect(error.message).toMatch(
      /state is locked by backstage@replica-a \(OperationTypeApply, since 2026-12-01 20:01:02.345 \+0000 UTC, lock ID 8a3c2f3e-1b7d-4a57-9f0e-2f4c1d9e7b21\)/,
    );
    expect(error.message).toMatch(
      /terraform force-unlock 8a3c2f3e-1b7d-4a57-9f0e-2f4c1d9e7b21/,
    );
  });

  it('sends SIGINT on abort so terraform can save state, and reports the cancellation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enclave-abort-'));
    const marker = join(dir, 'marker');
    const controller = new AbortController();
    const ready = join(dir, 'ready');
    const abortWhenReady = () => {
      if (existsSync(ready)) controller.abort();
      else setTimeout(abortWhenReady, 50);
    };
    const { r } = runner(
      { FAKE_TF_HANG: '1', FAKE_TF_MARKER: marker, FAKE_TF_READY: ready },
      { signal: controller.signal, onSpawn: abortWhenReady },
    );
    await expect(r.apply('p.tfplan')).rejects.toThrow(TerraformCancelledError);
    expect(existsSync(marker)).toBe(true);
  });

  it('stops a command at its timeout', async () => {
    const { r } = runner(
      { FAKE_TF_HANG: '1' },
      { timeouts: { applySeconds: 0.3 } },
    );
    await expect(r.apply('p.tfplan')).rejects.toThrow(
      'exceeded its time limit',
    );
  });

  it('names the missing binary and the config key that sets it', async () => {
    const { r } = runner({}, { binary: 'terraform-that-does-not-exist' });
    await expect(r.init()).rejects.toThrow(
      'Terraform binary "terraform-that-does-not-exist" was not found on PATH. Install Terraform (or OpenTofu) or set dataEnclave.terraform.binary to its path.',
    );
  });
});
