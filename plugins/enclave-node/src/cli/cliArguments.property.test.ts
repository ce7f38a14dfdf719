/*
 * Property suite for the CLI boundary: bin/enclave with random argv built
 * from its own vocabulary (commands, flags, good and bad files, junk). Every
 * run ends with exit code 0, 1 or 2 and never prints a stack trace. Each run
 * is a real node process (~0.5 s), so the case count is kept small and two
 * run at a time. `guardrails --write` is left out: it rewrites README.md.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { caseCounter } from '@data-enclave/plugin-enclave-common/testUtils';
import { BASE_SPEC } from '../stack/__testUtils__/synthJson';

const execFileAsync = promisify(execFile);
const bin = resolve(__dirname, '../../bin/enclave');
const RUNS = 30;

async function runBin(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [bin, ...args],
      {
        cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, INIT_CWD: cwd },
        timeout: 60_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('bin/enclave arguments (property)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'enclave-cli-prop-'));
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(BASE_SPEC));
    writeFileSync(
      join(dir, 'bad-spec.json'),
      JSON.stringify({ ...BASE_SPEC, clientCidrs: ['0.0.0.0/0'], name: 'X' }),
    );
    writeFileSync(join(dir, 'not-json.json'), '{"resource": ');
    writeFileSync(join(dir, 'empty.json'), '');
    writeFileSync(join(dir, 'array.json'), '[1,2,3]');
    writeFileSync(
      join(dir, 'weird-stack.json'),
      JSON.stringify({ resource: { aws_vpc: { v: { cidr_block: 7 } } } }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = fc.constantFrom(
    'spec.json',
    'bad-spec.json',
    'not-json.json',
    'empty.json',
    'array.json',
    'weird-stack.json',
    'missing.json',
    '.',
  );
  const token = fc.oneof(
    { weight: 3, arbitrary: file },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        '--spec',
        '--out',
        '--json',
        '--markdown',
        '--allow-any-client-cidr',
        '--allow-domain',
        '--help',
        '-h',
        '--',
        '-x',
        '--nope',
        'out',
      ),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 12 }).filter(s => s !== '--write'),
    },
  );
  const argv = fc
    .tuple(
      fc.constantFrom('synth', 'check', 'guardrails', 'plan', 'help', ''),
      fc.array(token, { maxLength: 6 }),
    )
    .map(([command, rest]) => (command ? [command, ...rest] : rest));

  const runBatch = (batch: string[][]) =>
    Promise.all(batch.map(a => runBin(a, dir)));

  it('exits 0, 1 or 2 and never prints a stack trace', async () => {
    const counter = caseCounter('CLI argv (bin/enclave)');
    const cases = fc.sample(argv, { numRuns: RUNS, seed: 42 });
    const codes = new Map<number, number>();
    const failures: string[] = [];
    // Two at a time: the machine has two cores.
    for (let i = 0; i < cases.length; i += 2) {
      const batch = cases.slice(i, i + 2);
      const results = await runBatch(batch);
      results.forEach((result, j) => {
        counter.count(batch[j]);
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        const text = `${result.stdout}\n${result.stderr}`;
        if (
          ![0, 1, 2].includes(result.code) ||
          /\n\s+at .+:\d+:\d+\)?/.test(text) ||
          /\b(TypeError|ReferenceError|RangeError)\b/.test(text)
        ) {
          failures.push(
            `${JSON.stringify(batch[j])} → ${result.code}: ${text.slice(
              0,
              400,
            )}`,
          );
        }
      });
    }
    counter.report();
    expect(failures).toEqual([]);
    expect(counter.cases).toBe(RUNS);
    // The vocabulary reaches both usage errors and successful runs.
    expect(codes.get(2)).toBeGreaterThan(0);
    expect(codes.get(0)).toBeGreaterThan(0);
  }, 180_000);
});
