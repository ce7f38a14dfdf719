/*
 * End-to-end checks of bin/enclave as users run it: a real node process with
 * the cached TypeScript loader and the cdktf runtime tweaks applied.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { synthesizeEnvironment } from '../stack';
import { BASE_SPEC } from '../stack/__testUtils__/synthJson';
import { EXAMPLE_SPEC_PATH } from '../guardrails/__testUtils__/cleanStack';

const execFileAsync = promisify(execFile);
const bin = resolve(__dirname, '../../bin/enclave');
const TIMEOUT_MS = 60_000;

async function runBin(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [bin, ...args],
      {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bin/enclave', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enclave-bin-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'synthesizes exactly what the library does in-process (tweaks change speed only)',
    async () => {
      const spec = join(dir, 'spec.json');
      writeFileSync(spec, JSON.stringify(BASE_SPEC));
      const result = await runBin(
        ['synth', '--spec', 'spec.json', '--out', 'out'],
        { INIT_CWD: dir },
      );
      const file = join(dir, 'out', 'stacks', 'analytics', 'cdk.tf.json');
      expect(result).toMatchObject({ code: 0, stdout: `${file}\n` });
      // The guardrail and function-check report goes to stderr, never stdout.
      expect(result.stderr).toMatch(
        /^Exfiltration guardrails on the synthesized stack .*: PASSED/,
      );
      const inProcess = synthesizeEnvironment(
        BASE_SPEC,
        join(dir, 'in-process'),
      );
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(
        JSON.parse(readFileSync(inProcess.summary.file, 'utf8')),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'synth of examples/environment.json passes every guardrail and function check and reports the desktop -> Spark ports',
    async () => {
      const result = await runBin([
        'synth',
        '--spec',
        EXAMPLE_SPEC_PATH,
        '--out',
        join(dir, 'example'),
      ]);
      expect(result.stderr).not.toMatch(/\[FAIL\]/);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /path open: desktop \(aws_security_group\.workspaces_[^)]+\) -> EMR primary \(aws_security_group\.emr_primary[^)]+\); open: tcp 18080 \(Spark: Spark history server\), tcp 8998 \(Livy: Livy server\), tcp 9547 \(JupyterEnterpriseGateway: Jupyter Enterprise Gateway\)\n/,
      );
      expect(result.stderr).toMatch(/path open: desktop .* -> directory /);
      expect(result.stderr).not.toMatch(/path CLOSED/);
    },
    TIMEOUT_MS,
  );

  it(
    'exits 2 with field-level messages and no stack trace for a bad spec',
    async () => {
      writeFileSync(
        join(dir, 'bad.json'),
        JSON.stringify({ ...BASE_SPEC, accountId: 'x' }),
      );
      const result = await runBin([
        'synth',
        '--spec',
        join(dir, 'bad.json'),
        '--out',
        dir,
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'accountId: must be a 12-digit AWS account id',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
    TIMEOUT_MS,
  );

  it(
    'keeps archiver usable after deferring its load',
    async () => {
      const script = [
        "require('./cachedTypeScript').register();",
        "require('../src/stack/index.ts');",
        "const path = require.resolve('archiver', { paths: [require('path').dirname(require.resolve('cdktf'))] });",
        "const before = Object.keys(require.cache).filter(k => k.includes('/archiver/')).length;",
        "const archive = require(path)('zip');",
        'process.stdout.write(JSON.stringify({ before, pipe: typeof archive.pipe, create: typeof require(path).create }));',
      ].join('\n');
      const { stdout } = await execFileAsync(process.execPath, ['-e', script], {
        cwd: resolve(__dirname, '../../bin'),
      });
      expect(JSON.parse(stdout)).toEqual({
        before: 1,
        pipe: 'function',
        create: 'function',
      });
    },
    TIMEOUT_MS,
  );
});
