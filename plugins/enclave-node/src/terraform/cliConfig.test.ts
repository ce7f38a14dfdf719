import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  hclString,
  renderCliConfig,
  writeTerraformCliConfig,
} from './cliConfig';

describe('writeTerraformCliConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enclave-cliconfig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes plugin cache and mirror settings, creates the cache and returns the env', () => {
    const cache = join(dir, 'cache', 'nested');
    const config = writeTerraformCliConfig({
      dir: join(dir, 'run'),
      pluginCacheDir: cache,
      providerMirror: '/mirror',
    });
    expect(config.path).toBe(join(dir, 'run', 'terraform.rc'));
    expect(statSync(cache).isDirectory()).toBe(true);
    expect(statSync(config.path).mode & 0o777).toBe(0o600);
    const text = readFileSync(config.path, 'utf8');
    expect(text).toContain(`plugin_cache_dir = "${cache}"`);
    expect(text).toMatch(
      /filesystem_mirror \{\n\s+path\s+= "\/mirror"\n\s+include = \["registry.terraform.io\/hashicorp\/\*"\]/,
    );
    expect(text).toMatch(
      /direct \{\n\s+exclude = \["registry.terraform.io\/hashicorp\/\*"\]/,
    );
    expect(config.env).toMatchObject({
      TF_CLI_CONFIG_FILE: config.path,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
    });
  });

  it('omits provider_installation without a mirror (registry as usual)', () => {
    expect(renderCliConfig({ pluginCacheDir: '/cache' })).not.toContain(
      'provider_installation',
    );
  });

  it('escapes quotes, backslashes and template sequences in paths', () => {
    expect(hclString('/a "b"\\c/${x}/%{y}')).toBe(
      '"/a \\"b\\"\\\\c/$${x}/%%{y}"',
    );
  });
});
