#!/usr/bin/env node
/*
 * One copy of each Backstage library: the check that `backstage-cli
 * versions:check` used to make (CLI 0.36 no longer has it). Reads a Yarn
 * Berry lockfile and fails when an `@backstage/*` package resolves to more
 * than one version, printing which ranges asked for each copy, so the fix is
 * to widen the range that pulls the odd one out.
 *
 *   node scripts/versions-check.js [yarn.lock] [--scope @data-enclave/]
 *
 * With --scope, only the Backstage packages that a package of that scope
 * depends on directly are judged: in an adopter's fresh app this says whether
 * OUR packages nest a second copy, whatever else the app's own dependencies do.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const YAML = require('yaml');

const args = process.argv.slice(2);
const scopeAt = args.indexOf('--scope');
const scope = scopeAt >= 0 ? args.splice(scopeAt, 2)[1] : undefined;
const lockfile = resolve(args[0] ?? resolve(__dirname, '..', 'yarn.lock'));

const lock = YAML.parse(readFileSync(lockfile, 'utf8'));
delete lock.__metadata;

/** `name@npm:^1.0.0` → entry, for every descriptor in every key. */
const byDescriptor = new Map();
/** package name → Map(version → descriptors that resolved to it) */
const versions = new Map();
for (const [key, entry] of Object.entries(lock)) {
  for (const descriptor of key.split(', ')) {
    byDescriptor.set(descriptor, entry);
    const name = descriptor.slice(0, descriptor.indexOf('@', 1));
    if (!name.startsWith('@backstage/')) continue;
    if (!versions.has(name)) versions.set(name, new Map());
    const byVersion = versions.get(name);
    if (!byVersion.has(entry.version)) byVersion.set(entry.version, []);
    byVersion.get(entry.version).push(descriptor.slice(name.length + 1));
  }
}

/** Who depends on `name` with which range, for the report. */
function requesters(name) {
  const out = [];
  for (const [key, entry] of Object.entries(lock)) {
    const range = entry.dependencies?.[name];
    if (range)
      out.push(
        `${key
          .split(', ')[0]
          .replace(/@(npm|workspace|file):.*$/, '')} (${range})`,
      );
  }
  return out;
}

let judged = [...versions.keys()];
if (scope) {
  judged = new Set();
  for (const [key, entry] of Object.entries(lock)) {
    if (!key.startsWith(scope)) continue;
    for (const dep of Object.keys(entry.dependencies ?? {})) {
      if (dep.startsWith('@backstage/')) judged.add(dep);
    }
  }
  judged = [...judged];
}

const duplicates = judged.filter(name => versions.get(name)?.size > 1).sort();
for (const name of duplicates) {
  console.error(`${name} has ${versions.get(name).size} copies:`);
  for (const [version, ranges] of versions.get(name)) {
    console.error(`  ${version} for ${ranges.join(', ')}`);
  }
  console.error(`  requested by: ${requesters(name).join('; ')}`);
}
const what = scope
  ? `Backstage libraries used by ${scope}*`
  : 'Backstage libraries';
if (duplicates.length) {
  console.error(
    `versions-check: ${duplicates.length} of ${judged.length} ${what} resolve to more than one version in ${lockfile}; widen the ranges above (or run yarn dedupe) so each has one copy`,
  );
  process.exit(1);
}
console.log(
  `versions-check: ${judged.length} ${what}, one version each (${lockfile})`,
);
