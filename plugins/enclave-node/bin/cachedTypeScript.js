/*
 * A small require hook that runs the package's TypeScript sources with a
 * persistent transpile cache, for the `enclave` CLI's cold start.
 *
 * It compiles exactly like @backstage/cli-node's nodeTransform (SWC,
 * TypeScript → CommonJS, ES2023, inline source maps) but keeps the output in
 * node_modules/.cache/enclave-ts, keyed by a hash of the source, the file
 * path, the SWC version and the options. On a cache hit SWC is never loaded,
 * and no ESM loader worker is started: the CLI is CommonJS throughout and
 * never uses dynamic import(). A stale entry is impossible (the key contains
 * the source), so the cache needs no invalidation; deleting it is always safe.
 * Set ENCLAVE_TS_CACHE=0 to bypass the cache.
 */
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const SWC_OPTIONS = {
  sourceMaps: 'inline',
  module: { type: 'commonjs', ignoreDynamic: true },
  jsc: { target: 'es2023', parser: { syntax: 'typescript' } },
};

/** node_modules/.cache/enclave-ts of the nearest node_modules above this file. */
function findCacheDir() {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const nodeModules = path.join(dir, 'node_modules');
    if (fs.existsSync(nodeModules))
      return path.join(nodeModules, '.cache', 'enclave-ts');
    if (path.dirname(dir) === dir) return undefined;
  }
}

let swc;
let swcVersion;
function loadSwc() {
  if (!swc) {
    swc = require('@swc/core');
    swcVersion = swc.version || 'unknown';
  }
  return swc;
}

/** Reads the SWC version without loading its native binding. */
function swcVersionCheap() {
  if (swcVersion) return swcVersion;
  try {
    const pkg = path.join(
      path.dirname(require.resolve('@swc/core')),
      'package.json',
    );
    swcVersion = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  } catch {
    swcVersion = loadSwc().version || 'unknown';
  }
  return swcVersion;
}

function register() {
  const enabled = process.env.ENCLAVE_TS_CACHE !== '0';
  const cacheDir = enabled ? findCacheDir() : undefined;
  const optionsKey = JSON.stringify(SWC_OPTIONS);

  function compile(source, filename) {
    let cacheFile;
    if (cacheDir) {
      const key = createHash('sha256')
        .update(`${swcVersionCheap()}\0${optionsKey}\0${filename}\0`)
        .update(source)
        .digest('hex');
      cacheFile = path.join(cacheDir, `${key}.js`);
      try {
        return fs.readFileSync(cacheFile, 'utf8');
      } catch {
        // miss: compile below
      }
    }
    const { code } = loadSwc().transformSync(source, {
      ...SWC_OPTIONS,
      filename,
    });
    if (cacheFile) {
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        // Write-then-rename so a concurrent reader never sees a partial file.
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only or full disk only costs speed.
      }
    }
    return code;
  }

  for (const extension of ['.ts', '.cts']) {
    Module._extensions[extension] = function loadTypeScript(module, filename) {
      if (filename.includes(`${path.sep}node_modules${path.sep}`)) {
        throw new Error(
          `refusing to compile TypeScript inside node_modules: ${filename}`,
        );
      }
      module._compile(
        compile(fs.readFileSync(filename, 'utf8'), filename),
        filename,
      );
    };
  }
}

module.exports = { register };
