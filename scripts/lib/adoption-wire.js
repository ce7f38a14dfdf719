#!/usr/bin/env node
/*
 * Applies the README's "Install into your Backstage app" snippets to a fresh
 * create-app, the way an adopter would, so the docs cannot drift from what
 * CI runs. Each snippet is the fenced block after a `<!-- adoption:NAME -->`
 * marker in README.md:
 *   packages       `yarn --cwd DIR add PKG…` lines → DIR/package.json gets
 *                  `file:` deps on the packed tarballs (they are not on a
 *                  registry), the root package.json a `resolutions` entry per
 *                  tarball (the packages depend on each other by version)
 *   backend        inserted before `backend.start()` (imports hoisted)
 *   policy-file    written to the path named in its first-line comment
 *   policy-wiring  inserted like `backend`, after the allow-all policy module
 *                  is deleted as the README says (a second policy module fails
 *                  startup with "Policy already set")
 *   policy-ours    the other documented policy choice, written as a second
 *                  backend entry file that the app's `tsc` type-checks
 *   config         merged into app-config.yaml (maps merged, lists appended)
 * Fails, naming the snippet, when a marker is missing or a step cannot apply.
 *
 *   node scripts/lib/adoption-wire.js README APP_DIR PACK_DIR
 */
const { readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join, resolve } = require('node:path');

const [readmePath, appDir, packDir] = process.argv
  .slice(2)
  .map(p => resolve(p));
if (!packDir) {
  console.error('usage: adoption-wire.js README APP_DIR PACK_DIR');
  process.exit(2);
}
const YAML = createRequire(join(__dirname, '../../package.json'))('yaml');

function fail(message) {
  console.error(`[adoption] ${message}`);
  process.exit(1);
}

/** The fenced block after each `<!-- adoption:NAME -->`, dedented. */
function snippets(markdown) {
  const found = {};
  const re =
    /<!-- adoption:([\w-]+) -->\s*\n([ \t]*)```\w*\n([\s\S]*?)\n[ \t]*```/g;
  for (const [, name, indent, body] of markdown.matchAll(re)) {
    found[name] = body
      .split('\n')
      .map(line => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
  }
  return found;
}

const readJson = p => JSON.parse(readFileSync(p, 'utf8'));
const writeJson = (p, v) => writeFileSync(p, `${JSON.stringify(v, null, 2)}\n`);

const readme = snippets(readFileSync(readmePath, 'utf8'));
const need = name =>
  readme[name] ??
  fail(
    `README.md has no <!-- adoption:${name} --> snippet (followed by a fenced block)`,
  );

// --- packages: file: deps + resolutions on the tarballs ---------------------
const tarballs = readJson(join(packDir, 'packages.json'));
const tarball = name =>
  tarballs[name]
    ? `file:${join(packDir, tarballs[name])}`
    : fail(
        `the README installs ${name}, which is not one of the packed packages: ${Object.keys(
          tarballs,
        ).join(', ')}`,
      );
let installed = 0;
for (const line of need('packages').split('\n')) {
  const m = line.trim().match(/^yarn --cwd (\S+) add (.+)$/);
  if (!m) continue;
  const pkgPath = join(appDir, m[1], 'package.json');
  const pkg = readJson(pkgPath);
  for (const name of m[2].trim().split(/\s+/)) {
    pkg.dependencies = { ...pkg.dependencies, [name]: tarball(name) };
    installed++;
  }
  writeJson(pkgPath, pkg);
}
if (!installed)
  fail('the packages snippet has no `yarn --cwd DIR add PKG…` line');
const root = readJson(join(appDir, 'package.json'));
root.resolutions = {
  ...root.resolutions,
  ...Object.fromEntries(
    Object.keys(tarballs).map(name => [name, tarball(name)]),
  ),
};
// Harness only, not an adoption step: skip the install scripts this repo
// skips too (root package.json): keytar needs libsecret headers CI machines
// lack (it is the CLI's optional credential store), the others only print.
root.dependenciesMeta = {
  ...root.dependenciesMeta,
  ...Object.fromEntries(
    ['core-js', 'core-js-pure', 'keytar', 'protobufjs'].map(n => [
      n,
      { built: false },
    ]),
  ),
};
writeJson(join(appDir, 'package.json'), root);

// Harness only: a desktop user needs an email (the directory user and the
// WorkSpace are created for it; an org provider fills it in a real catalog),
// and create-app's example `guest` has none: give it one.
const orgPath = join(appDir, 'examples/org.yaml');
const org = YAML.parseAllDocuments(readFileSync(orgPath, 'utf8')).map(d =>
  d.toJSON(),
);
const guest = org.find(e => e?.kind === 'User' && e.metadata?.name === 'guest');
if (!guest) fail("create-app's examples/org.yaml has no guest User any more");
guest.spec = {
  ...guest.spec,
  profile: { ...guest.spec?.profile, email: 'guest@example.com' },
};
writeFileSync(
  orgPath,
  org
    .filter(Boolean)
    .map(e => `---\n${YAML.stringify(e)}`)
    .join(''),
);

// Harness only: the release pins. create-app pins a new app to its release
// with a yarn.lock seed fetched from GitHub; offline that fetch fails
// ("Failed to fetch the yarn.lock seed file") and the app's `^` ranges float
// to later releases that do not fit together (plugin-signals-backend 0.3.21 on
// backend-defaults 0.18.0: "httpRouter.addWebSocketHandler is not a
// function"). create-app's own table (dist/lib/versions.cjs.js) holds the
// release's version of every package it templates: pin those exactly, as the
// seed would. Our packages' ranges still resolve on their own.
const createAppDir = process.env.ADOPTION_CREATE_APP_DIR;
if (!createAppDir)
  fail(
    'ADOPTION_CREATE_APP_DIR (the unpacked @backstage/create-app) is not set',
  );
const { packageVersions } = require(join(
  createAppDir,
  'dist/lib/versions.cjs.js',
));
let pinned = 0;
for (const dir of ['.', 'packages/app', 'packages/backend']) {
  const pkgPath = join(appDir, dir, 'package.json');
  const pkg = readJson(pkgPath);
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (packageVersions[name] && range === `^${packageVersions[name]}`) {
        pkg[field][name] = packageVersions[name];
        pinned++;
      }
    }
  }
  writeJson(pkgPath, pkg);
}
// The seed lock also fixes the release's libraries deep in the tree, where
// direct pins can't reach: without it a package of ours resolves its `^0.18.x`
// core-components to a later patch that wants a later @backstage/ui, and the
// app carries two copies. Root resolutions to the same release table do what
// the seed does; that our ranges admit those versions at all is checked on its
// own: this repo's lock holds exactly the 1.55.0 versions, one copy each
// (scripts/versions-check.js in pack-packages.sh).
const rootPath = join(appDir, 'package.json');
const release = readJson(rootPath);
release.resolutions = { ...release.resolutions };
for (const [name, version] of Object.entries(packageVersions)) {
  if (name.startsWith('@backstage/') && !(name in release.resolutions)) {
    release.resolutions[name] = version;
  }
}
writeJson(rootPath, release);

// --- backend: modules, the policy file and its wiring -----------------------
const indexPath = join(appDir, 'packages/backend/src/index.ts');
const original = readFileSync(indexPath, 'utf8');
const allowAll =
  /^[ \t]*backend\.add\(\s*import\(\s*'@backstage\/plugin-permission-backend-module-allow-all-policy'\s*,?\s*\)\s*,?\s*\);[ \t]*\n/m;
if (!allowAll.test(original)) {
  fail(
    "create-app's index.ts no longer adds the allow-all policy module as the README expects; update the policy instructions",
  );
}
const withoutAllowAll = original.replace(allowAll, '');

/** Inserts snippets into a backend index: imports on top, the rest before start(). */
function wire(source, parts) {
  const lines = parts.join('\n').split('\n');
  const imports = lines.filter(l => /^import\s/.test(l));
  const body = lines.filter(l => !/^import\s/.test(l));
  if (!source.includes('backend.start();'))
    fail('backend index has no backend.start()');
  return `${imports.join('\n')}${imports.length ? '\n' : ''}${source.replace(
    'backend.start();',
    `${body.join('\n')}\n\nbackend.start();`,
  )}`;
}

writeFileSync(
  indexPath,
  wire(withoutAllowAll, [need('backend'), need('policy-wiring')]),
);

const policyFile = need('policy-file');
const target = policyFile.match(/^\/\/ (packages\/backend\/src\/\S+\.ts)\n/);
if (!target)
  fail(
    'the policy-file snippet must start with `// packages/backend/src/<file>.ts`',
  );
mkdirSync(dirname(join(appDir, target[1])), { recursive: true });
writeFileSync(join(appDir, target[1]), policyFile);

// The "use ours" choice is not started (one policy per backend), but it must
// compile as pasted: the app's tsc checks this second entry file.
writeFileSync(
  join(appDir, 'packages/backend/src/index.policy-ours.ts'),
  `// Generated by scripts/adoption-test.sh: the README's "use ours" policy choice, type-checked only.\n${wire(
    withoutAllowAll,
    [need('backend'), need('policy-ours')],
  )}`,
);

// --- config: merged into app-config.yaml ------------------------------------
function merge(base, extra, path) {
  if (Array.isArray(base) && Array.isArray(extra)) return [...base, ...extra];
  if (isMap(base) && isMap(extra)) {
    const out = { ...base };
    for (const [k, v] of Object.entries(extra)) {
      out[k] =
        k in base && base[k] !== null ? merge(base[k], v, `${path}.${k}`) : v;
    }
    return out;
  }
  return extra;
}
const isMap = v => v !== null && typeof v === 'object' && !Array.isArray(v);
const configPath = join(appDir, 'app-config.yaml');
const config = YAML.parse(readFileSync(configPath, 'utf8'));
const extra = YAML.parse(need('config'));
writeFileSync(configPath, YAML.stringify(merge(config, extra, '')));

console.log(
  `[adoption] applied README snippets: ${Object.keys(readme).join(
    ', ',
  )} (${installed} packages, ${
    Object.keys(tarballs).length
  } resolutions, ${pinned} release pins)`,
);
