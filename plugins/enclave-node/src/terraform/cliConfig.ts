/*
 * Per-run Terraform CLI configuration. The machine's own CLI config
 * (TF_CLI_CONFIG_FILE, ~/.terraformrc) is never trusted: each run writes a
 * file that sets a shared plugin cache and, optionally, a filesystem mirror
 * for hashicorp/* providers with direct registry downloads of those providers
 * excluded, so an offline machine fails fast instead of hanging on the network.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface TerraformCliConfigOptions {
  /** Directory the config file is written to (e.g. the run's working dir). */
  dir: string;
  /** Provider plugin cache shared by every environment; created if missing. */
  pluginCacheDir: string;
  /** Filesystem mirror root for `registry.terraform.io/hashicorp/*` (see findProviderMirror). */
  providerMirror?: string;
  /** File name inside `dir`. Default `terraform.rc`. */
  fileName?: string;
}

export interface TerraformCliConfig {
  /** Absolute path of the written config file. */
  path: string;
  /** Environment variables to pass to every terraform invocation of this run. */
  env: Record<string, string>;
}

/** The mirrored provider pattern: everything HashiCorp publishes on the public registry. */
export const MIRRORED_PROVIDERS = 'registry.terraform.io/hashicorp/*';

/** Renders a string as an HCL quoted literal (JSON escapes plus template escapes). */
export function hclString(value: string): string {
  // Function replacements: in a replacement *string*, '$$' means a literal '$'.
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/** Renders the CLI configuration text (exported for tests and debugging). */
export function renderCliConfig(options: {
  pluginCacheDir: string;
  providerMirror?: string;
}): string {
  const lines = [
    '# Written by Data Enclave for one Terraform run; do not edit.',
    `plugin_cache_dir = ${hclString(resolve(options.pluginCacheDir))}`,
    // Lets init reuse a cached provider even when the lock file lacks the
    // cache's hash format, instead of downloading it again.
    'plugin_cache_may_break_dependency_lock_file = true',
    'disable_checkpoint = true',
  ];
  if (options.providerMirror) {
    lines.push(
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${hclString(resolve(options.providerMirror))}`,
      `    include = [${hclString(MIRRORED_PROVIDERS)}]`,
      '  }',
      '  direct {',
      `    exclude = [${hclString(MIRRORED_PROVIDERS)}]`,
      '  }',
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the CLI config and returns its path plus the env to run terraform with. */
export function writeTerraformCliConfig(
  options: TerraformCliConfigOptions,
): TerraformCliConfig {
  const pluginCacheDir = resolve(options.pluginCacheDir);
  // Terraform ignores a plugin_cache_dir that does not exist.
  mkdirSync(pluginCacheDir, { recursive: true });
  mkdirSync(options.dir, { recursive: true });
  const path = resolve(join(options.dir, options.fileName ?? 'terraform.rc'));
  writeFileSync(
    path,
    renderCliConfig({ pluginCacheDir, providerMirror: options.providerMirror }),
    {
      mode: 0o600,
    },
  );
  return {
    path,
    env: {
      TF_CLI_CONFIG_FILE: path,
      TF_PLUGIN_CACHE_DIR: pluginCacheDir,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
    },
  };
}
