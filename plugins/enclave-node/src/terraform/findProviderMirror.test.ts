import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AWS_PROVIDER,
  findProviderMirror,
  mirrorHasProvider,
  wellKnownMirrorDirs,
} from './findProviderMirror';

describe('findProviderMirror', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'enclave-mirror-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const unpacked = (base: string, version = '5.100.0') =>
    mkdirSync(
      join(
        base,
        'registry.terraform.io',
        'hashicorp',
        'aws',
        version,
        'linux_amd64',
      ),
      { recursive: true },
    );

  it('accepts unpacked and packed layouts for the wanted version and platform only', () => {
    const a = join(root, 'a');
    unpacked(a);
    expect(mirrorHasProvider(a, AWS_PROVIDER, 'linux_amd64')).toBe(true);
    expect(mirrorHasProvider(a, AWS_PROVIDER, 'darwin_arm64')).toBe(false);
    expect(
      mirrorHasProvider(
        a,
        { ...AWS_PROVIDER, version: '6.0.0' },
        'linux_amd64',
      ),
    ).toBe(false);
    const b = join(root, 'b', 'registry.terraform.io', 'hashicorp', 'aws');
    mkdirSync(b, { recursive: true });
    writeFileSync(
      join(b, 'terraform-provider-aws_5.100.0_linux_amd64.zip'),
      '',
    );
    expect(
      mirrorHasProvider(join(root, 'b'), AWS_PROVIDER, 'linux_amd64'),
    ).toBe(true);
  });

  it('prefers ENCLAVE_TF_PROVIDER_MIRROR and fails loudly when it lacks the provider', () => {
    const configured = join(root, 'configured');
    unpacked(configured);
    const env = { ENCLAVE_TF_PROVIDER_MIRROR: configured };
    expect(
      findProviderMirror({ env, platform: 'linux_amd64', candidates: [] }),
    ).toBe(configured);
    expect(() =>
      findProviderMirror({
        env: { ENCLAVE_TF_PROVIDER_MIRROR: join(root, 'empty') },
        platform: 'linux_amd64',
      }),
    ).toThrow(/does not contain registry.terraform.io\/hashicorp\/aws 5.100.0/);
  });

  it('returns the first qualifying candidate, or undefined when none qualifies', () => {
    const second = join(root, 'second');
    unpacked(second);
    const candidates = [join(root, 'missing'), second];
    expect(
      findProviderMirror({ env: {}, platform: 'linux_amd64', candidates }),
    ).toBe(second);
    expect(
      findProviderMirror({
        env: {},
        platform: 'linux_amd64',
        candidates: [join(root, 'missing')],
      }),
    ).toBeUndefined();
  });

  it("lists Terraform's implied local mirror directories", () => {
    const dirs = wellKnownMirrorDirs({ HOME: '/home/u' });
    expect(dirs).toEqual(
      expect.arrayContaining([
        '/home/u/.terraform.d/plugins',
        '/home/u/.local/share/terraform/plugins',
        '/usr/share/terraform/plugins',
      ]),
    );
  });
});
