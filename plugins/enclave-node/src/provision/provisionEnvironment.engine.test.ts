/*
 * Real engine: provisionEnvironment in plan mode runs the real terraform
 * init/plan/show offline against the local provider mirror.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  parseDataEnclaveConfig,
  parseEnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import { GUARDRAIL_RULES, GuardrailViolationError } from '../guardrails';
import {
  engineAvailability,
  TEST_PLUGIN_CACHE_DIR,
} from '../stack/__testUtils__/terraformHarness';
import { TerraformCancelledError } from '../terraform';
import { provisionEnvironment } from './provisionEnvironment';
import { PLAN_MODE_REASON } from './planModeEnv';

const engine = engineAvailability();
if (!engine.available && process.env.CI === 'true') {
  throw new Error(`real-engine tests must run under CI: ${engine.reason}`);
}
const describeEngine = engine.available ? describe : describe.skip;
if (!engine.available) {
  // eslint-disable-next-line no-console
  console.warn(`provisionEnvironment engine tests skipped: ${engine.reason}`);
}

const exampleSpec = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../../../examples/environment.json'),
    'utf8',
  ),
);

function setup(overrides: Record<string, unknown> = {}) {
  const workDir = mkdtempSync(join(tmpdir(), 'enclave-provision-'));
  const config = parseDataEnclaveConfig({
    terraform: {
      pluginCacheDir: TEST_PLUGIN_CACHE_DIR,
      providerMirror: engine.mirror,
      ...overrides,
    },
  });
  const spec = parseEnvironmentSpec(exampleSpec);
  const lines: string[] = [];
  return { workDir, config, spec, lines, log: (l: string) => lines.push(l) };
}

describeEngine(
  'provisionEnvironment with the real terraform (plan mode)',
  () => {
    jest.setTimeout(600_000);

    it('synthesizes, checks, inits and plans, and applies nothing', async () => {
      const { workDir, config, spec, lines, log } = setup();
      const result = await provisionEnvironment({ spec, config, workDir, log });
      expect(result.mode).toBe('plan');
      expect(result.synthGuardrails.passed).toBe(true);
      expect(result.planGuardrails?.passed).toBe(true);
      expect(result.planSummary!.add).toBeGreaterThan(50);
      expect(result.planSummary!.change).toBe(0);
      expect(result.planSummary!.destroy).toBe(0);
      expect(lines).toContain(
        `Plan: ${result.planSummary!.add} to add, 0 to change, 0 to destroy.`,
      );
      expect(lines).toContain(PLAN_MODE_REASON);
      // Every G-rule passes twice: on the synthesized stack and on the plan.
      const gRules = GUARDRAIL_RULES.filter(r => /^G\d+$/.test(r.id));
      expect(lines.filter(l => /^ {2}PASS G\d+/.test(l))).toHaveLength(
        2 * gRules.length,
      );
      expect(existsSync(result.planJsonPath!)).toBe(true);
      // Plan mode never creates state.
      expect(existsSync(join(result.stackDir, 'terraform.tfstate'))).toBe(
        false,
      );
    });

    it('on abort during plan, stops terraform with SIGINT, releases the lock, and a re-run succeeds', async () => {
      const { workDir, config, spec, log } = setup();
      const controller = new AbortController();
      const pids: Array<{ pid: number; command: string }> = [];
      const first = provisionEnvironment({
        spec,
        config,
        workDir,
        log,
        signal: controller.signal,
        onSpawn: (pid, command) => {
          pids.push({ pid, command });
          // Let plan get going (provider started, lock taken), then cancel.
          if (command === 'plan') setTimeout(() => controller.abort(), 3000);
        },
      });
      await expect(first).rejects.toThrow(TerraformCancelledError);
      const plan = pids.find(p => p.command === 'plan')!;
      expect(() => process.kill(plan.pid, 0)).toThrow(); // the process is gone
      const stackDir = join(workDir, 'stacks', spec.name);
      expect(readdirSync(stackDir)).not.toContain(
        '.terraform.tfstate.lock.info',
      );

      const second = await provisionEnvironment({ spec, config, workDir, log });
      expect(second.planGuardrails?.passed).toBe(true);
    });

    it('refuses to go on when the plan breaks a guardrail, and never calls apply', async () => {
      const tamperLog = join(
        mkdtempSync(join(tmpdir(), 'enclave-tamper-')),
        'calls.log',
      );
      const { workDir, config, spec, log } = setup({
        binary: join(__dirname, '__fixtures__', 'tamper-plan-terraform.js'),
      });
      process.env.TAMPER_LOG = tamperLog;
      try {
        const run = provisionEnvironment({
          spec,
          config,
          workDir,
          log,
          apply: {
            env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' },
          },
        });
        const error = await run.catch(e => e);
        expect(error).toBeInstanceOf(GuardrailViolationError);
        const report = (error as GuardrailViolationError).report;
        expect(report.source).toBe('plan');
        expect(report.rules.find(r => r.id === 'G1')!.passed).toBe(false);
      } finally {
        delete process.env.TAMPER_LOG;
      }
      const calls = readFileSync(tamperLog, 'utf8').trim().split('\n');
      expect(calls).toEqual(['init', 'plan', 'show']);
    });

    it('never writes the directory password to the workspace or the log', async () => {
      const { workDir, config, spec, lines, log } = setup();
      const password = 'Sentinel-Passw0rd!zq7';
      const result = await provisionEnvironment({
        spec,
        config,
        workDir,
        log,
        directoryPassword: async () => password,
      });
      const scanned: string[] = [];
      const scan = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const path = join(dir, entry.name);
          // Provider binaries are not ours and are huge; everything else is read.
          if (!entry.isDirectory()) scanned.push(path);
          else if (entry.name !== 'providers') scan(path);
        }
      };
      scan(workDir);
      const leaking = scanned.filter(path =>
        readFileSync(path, 'latin1').includes(password),
      );
      expect(leaking).toEqual([]);
      expect(scanned).toContain(result.planJsonPath);
      expect(scanned.some(p => p.endsWith('cdk.tf.json'))).toBe(true);
      expect(lines.join('\n')).not.toContain(password);
      // Control: the plan JSON is where an unredacted password would be.
      expect(readFileSync(result.planJsonPath!, 'utf8')).toContain(
        'directory_admin_password',
      );
    });

    it('dry run stops after synth and guardrails and starts no terraform', async () => {
      const { workDir, config, spec, log } = setup();
      const spawned: string[] = [];
      const result = await provisionEnvironment({
        spec,
        config,
        workDir,
        log,
        dryRun: true,
        onSpawn: (_pid, command) => spawned.push(command),
      });
      expect(result.mode).toBe('dry-run');
      expect(result.synthGuardrails.passed).toBe(true);
      expect(spawned).toEqual([]);
    });
  },
);
