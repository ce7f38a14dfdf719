import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main';
import { resolveUserPath } from './cliErrors';
import { BASE_SPEC } from '../stack/__testUtils__/synthJson';

describe('enclave CLI', () => {
  let dir: string;
  let stdout: string;
  let stderr: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enclave-cli-'));
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      stdout += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) => main(['node', 'enclave', ...args]);

  it('synth writes stacks/<name>/cdk.tf.json and prints its path', async () => {
    const spec = join(dir, 'env.json');
    writeFileSync(spec, JSON.stringify(BASE_SPEC));
    await expect(
      run('synth', '--spec', spec, '--out', join(dir, 'out')),
    ).resolves.toBe(0);
    const file = join(dir, 'out', 'stacks', 'analytics', 'cdk.tf.json');
    expect(stdout).toBe(`${file}\n`);
    expect(
      JSON.parse(readFileSync(file, 'utf8')).resource.aws_vpc,
    ).toBeDefined();
  });

  it('exits 2 with a message naming the field for an invalid spec, without a stack trace', async () => {
    const spec = join(dir, 'bad.json');
    writeFileSync(
      spec,
      JSON.stringify({
        ...BASE_SPEC,
        region: 'mars-1',
        users: [{ username: 'x'.repeat(21) }],
      }),
    );
    await expect(run('synth', '--spec', spec, '--out', dir)).resolves.toBe(2);
    expect(stderr).toContain(
      'region: must be a region with Amazon WorkSpaces support',
    );
    expect(stderr).toContain('users.0.username: must be 1–20 characters');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for a missing file, invalid JSON or a missing option', async () => {
    await expect(
      run('synth', '--spec', join(dir, 'nope.json'), '--out', dir),
    ).resolves.toBe(2);
    expect(stderr).toContain('cannot read --spec');
    writeFileSync(join(dir, 'broken.json'), '{');
    await expect(
      run('synth', '--spec', join(dir, 'broken.json'), '--out', dir),
    ).resolves.toBe(2);
    expect(stderr).toContain('is not valid JSON');
    await expect(run('synth', '--out', dir)).resolves.toBe(2);
    expect(stderr).toContain("required option '--spec <file>' not specified");
  });

  it('resolves relative paths against INIT_CWD when yarn sets it', () => {
    expect(resolveUserPath('spec.json', { INIT_CWD: '/work/here' })).toBe(
      '/work/here/spec.json',
    );
    expect(resolveUserPath('/abs.json', { INIT_CWD: '/work/here' })).toBe(
      '/abs.json',
    );
  });
});
