/*
 * bin/enclave as it runs from the published package, which ships bin/ and
 * dist/ but no src/: it must load dist/cli.cjs.js and never the TypeScript
 * loader. The package layout is rebuilt in a temp dir with a dist/cli.cjs.js
 * whose main() records its argv and returns an exit code, so this checks
 * the dispatch without a full build (scripts/pack-packages.sh and the
 * adoption test run the real built CLI).
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const binDir = resolve(__dirname, '../../bin');

describe('bin/enclave in the published layout (no src/)', () => {
  let pkg: string;
  beforeEach(() => {
    pkg = mkdtempSync(join(tmpdir(), 'enclave-pkg-'));
    mkdirSync(join(pkg, 'bin'));
    mkdirSync(join(pkg, 'dist'));
    for (const file of ['enclave', 'cachedTypeScript.js']) {
      copyFileSync(join(binDir, file), join(pkg, 'bin', file));
    }
    // Loading the TypeScript hook would need @swc/core, which is not
    // resolvable from the temp dir: reaching it fails the test.
    writeFileSync(
      join(pkg, 'dist', 'cli.cjs.js'),
      `exports.main = async argv => {
        require('node:fs').writeFileSync(${JSON.stringify(
          join(pkg, 'argv.json'),
        )}, JSON.stringify(argv.slice(2)));
        return 3;
      };`,
    );
  });
  afterEach(() => rmSync(pkg, { recursive: true, force: true }));

  it('runs dist/cli.cjs.js with the arguments and exits with its code', async () => {
    const result = await execFileAsync(
      process.execPath,
      [join(pkg, 'bin', 'enclave'), 'check', 'plan.json'],
      { env: { PATH: process.env.PATH } },
    ).then(
      () => ({ code: 0 }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(3);
    expect(JSON.parse(readFileSync(join(pkg, 'argv.json'), 'utf8'))).toEqual([
      'check',
      'plan.json',
    ]);
  });
});
