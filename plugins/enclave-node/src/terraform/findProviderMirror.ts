/*
 * Locates a Terraform provider filesystem mirror (for offline `terraform init`).
 *
 * Order: the ENCLAVE_TF_PROVIDER_MIRROR environment variable, then Terraform's
 * own implied local mirror directories, then a few conventional install
 * locations. A directory qualifies only if it actually holds the wanted
 * provider for this platform, in either of Terraform's mirror layouts:
 *   unpacked: <root>/<host>/<namespace>/<type>/<version>/<os>_<arch>/
 *   packed:   <root>/<host>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PROVIDER_MIRROR_ENV = 'ENCLAVE_TF_PROVIDER_MIRROR';

export interface ProviderAddress {
  hostname: string;
  namespace: string;
  type: string;
  /** Exact version required; any version qualifies when omitted. */
  version?: string;
}

/** hashicorp/aws at the version the cdktf bindings (@cdktf/provider-aws 20.1.0) track. */
export const AWS_PROVIDER: ProviderAddress = {
  hostname: 'registry.terraform.io',
  namespace: 'hashicorp',
  type: 'aws',
  version: '5.100.0',
};

export interface FindProviderMirrorOptions {
  provider?: ProviderAddress;
  /** Environment to read (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Directories to search after the env var (default `wellKnownMirrorDirs()`). */
  candidates?: string[];
  /** Terraform platform, e.g. `linux_amd64` (default: this process's). */
  platform?: string;
}

/** Terraform's platform string for this process (`linux_amd64`, `darwin_arm64`...). */
export function terraformPlatform(): string {
  const arch: Record<string, string> = {
    x64: 'amd64',
    arm64: 'arm64',
    ia32: '386',
    arm: 'arm',
  };
  return `${process.platform}_${arch[process.arch] ?? process.arch}`;
}

/**
 * Terraform's implied local mirror directories on Unix (see "Implied Local
 * Mirror Directories" in the CLI configuration docs), plus conventional
 * system-wide install locations used by offline build machines.
 */
export function wellKnownMirrorDirs(
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  const home = env.HOME || homedir();
  const xdgDataHome = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const xdgDataDirs = (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share')
    .split(':')
    .filter(Boolean);
  return [
    join(home, '.terraform.d', 'plugins'),
    join(xdgDataHome, 'terraform', 'plugins'),
    ...xdgDataDirs.map(dir => join(dir, 'terraform', 'plugins')),
    join('/opt', 'tf-plugins'),
    join('/opt', 'terraform', 'plugins'),
  ];
}

/** True when `root` holds `provider` for `platform` in packed or unpacked layout. */
export function mirrorHasProvider(
  root: string,
  provider: ProviderAddress,
  platform: string,
): boolean {
  const dir = join(root, provider.hostname, provider.namespace, provider.type);
  if (!isDirectory(dir)) return false;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return false;
  }
  const versions = provider.version
    ? [provider.version]
    : entries.filter(e => /^\d+\.\d+\.\d+/.test(e));
  return versions.some(
    version =>
      isDirectory(join(dir, version, platform)) ||
      existsSync(
        join(
          dir,
          `terraform-provider-${provider.type}_${version}_${platform}.zip`,
        ),
      ),
  );
}

/**
 * Returns the mirror root that holds the provider, or undefined when none
 * does. An explicitly configured ENCLAVE_TF_PROVIDER_MIRROR that lacks the
 * provider is an error (a typo should not silently fall back to the network).
 */
export function findProviderMirror(
  options: FindProviderMirrorOptions = {},
): string | undefined {
  const provider = options.provider ?? AWS_PROVIDER;
  const env = options.env ?? process.env;
  const platform = options.platform ?? terraformPlatform();
  const wanted = `${provider.hostname}/${provider.namespace}/${provider.type}${
    provider.version ? ` ${provider.version}` : ''
  } (${platform})`;

  const configured = env[PROVIDER_MIRROR_ENV];
  if (configured) {
    if (!mirrorHasProvider(configured, provider, platform)) {
      throw new Error(
        `${PROVIDER_MIRROR_ENV}=${configured} does not contain ${wanted}`,
      );
    }
    return configured;
  }
  return (options.candidates ?? wellKnownMirrorDirs(env)).find(dir =>
    mirrorHasProvider(dir, provider, platform),
  );
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
