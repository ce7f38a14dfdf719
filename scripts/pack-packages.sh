#!/usr/bin/env bash
# Builds and packs the six published packages (plugins/*) the way a release
# would, into OUT_DIR, and writes OUT_DIR/packages.json ({name: tarball}) and
# OUT_DIR/resolutions.json, the root `resolutions` an app needs to install
# them from tarballs (they depend on each other by version, and are not on a
# registry): copy OUT_DIR to vendor/data-enclave/ in the app (or set
# ENCLAVE_PACK_PREFIX to where it will be, relative to the app's root), merge
# resolutions.json into the root package.json; the lockfile then holds
# relative file: paths.
#   bash scripts/pack-packages.sh OUT_DIR
# Fails first when the packages' Backstage metadata is not what
# `backstage-cli repo fix --publish` would write (pluginPackage(s), exports),
# or when a Backstage library resolves to two versions in yarn.lock; and
# after packing, when a tarball's JavaScript imports a package that its
# package.json does not declare (a devDependency reached from an entry point).
# yarn pack runs each package's prepack (backstage-cli package prepack:
# main/module/types/exports rewritten to dist/) and turns `workspace:^` into
# the version range, as a publish does.
source "$(dirname "$0")/env.sh"
set -euo pipefail

out="${1:?usage: scripts/pack-packages.sh OUT_DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$ENCLAVE_ROOT"
started=$SECONDS

yarn backstage-cli repo fix --publish --check
node scripts/versions-check.js
# Declarations come from tsc's dist-types; package build bundles them.
yarn tsc
yarn backstage-cli repo build
built=$SECONDS

rm -f "$out"/*.tgz
for dir in plugins/*/; do
  (cd "$dir" && yarn pack --out "$out/%s-%v.tgz" >/dev/null)
done

node - "$out" "${ENCLAVE_PACK_PREFIX:-./vendor/data-enclave}" <<'JS'
const fs = require('node:fs');
const { readdirSync, writeFileSync } = fs;
const { execFileSync } = require('node:child_process');
const { builtinModules } = require('node:module');
const { join, relative } = require('node:path');
const { tmpdir } = require('node:os');
const out = process.argv[2];
const packages = {};

/** Bare imports in the packed JavaScript that package.json does not declare. */
function undeclaredImports(root, pkg) {
  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  const found = [];
  const walk = dir => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.js$/.test(entry.name) || dir.endsWith('/bin')) {
        const source = fs.readFileSync(path, 'utf8');
        for (const m of source.matchAll(/(?:require\(|from |import\()\s*["']([^"'.][^"']*)["']/g)) {
          const parts = m[1].split('/');
          const name = m[1].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
          if (m[1].startsWith('node:') || builtinModules.includes(name) || declared.has(name)) continue;
          found.push(`${name} (${relative(root, path)})`);
        }
      }
    }
  };
  walk(root);
  return found;
}

for (const file of readdirSync(out).filter(f => f.endsWith('.tgz')).sort()) {
  const unpacked = fs.mkdtempSync(join(tmpdir(), 'enclave-pack-'));
  execFileSync('tar', ['-xzf', join(out, file), '-C', unpacked]);
  const root = join(unpacked, 'package');
  const pkg = JSON.parse(fs.readFileSync(join(root, 'package.json'), 'utf8'));
  // A published entry point may only import what an install brings along:
  // dependencies and peers, never devDependencies.
  const undeclared = undeclaredImports(root, pkg);
  fs.rmSync(unpacked, { recursive: true, force: true });
  if (undeclared.length) {
    throw new Error(`${file} imports undeclared packages: ${undeclared.join(', ')}`);
  }
  // A packed package must not point at sources it does not ship.
  for (const field of ['main', 'types', 'module']) {
    if (pkg[field] && !pkg[field].replace(/^\.\//, '').startsWith('dist/')) {
      throw new Error(`${file}: ${field} is ${pkg[field]}, not a built file`);
    }
  }
  packages[pkg.name] = file;
}
writeFileSync(join(out, 'packages.json'), `${JSON.stringify(packages, null, 2)}\n`);
const prefix = process.argv[3].replace(/\/$/, '');
const resolutions = Object.fromEntries(
  Object.entries(packages).map(([name, file]) => [name, `file:${prefix}/${file}`]),
);
writeFileSync(join(out, 'resolutions.json'), `${JSON.stringify(resolutions, null, 2)}\n`);
console.log(`[pack] ${Object.keys(packages).length} packages in ${out}`);
JS
echo "[pack] build $((built - started))s, pack $((SECONDS - built))s"
