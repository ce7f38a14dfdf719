/*
 * Two start-up and synthesis costs of cdktf 0.21.0 that buy the enclave
 * nothing, removed without forking cdktf. Import this module before anything
 * that loads cdktf (src/stack/index.ts does); a caller that skips it gets
 * cdktf's default behaviour, only slower. cdktf is pinned, and this is the
 * one file to revisit when moving to CDK Terrain.
 *
 * Importing this module applies the tweaks (ES imports are evaluated before
 * the importing module's body, so a call placed there would come too late).
 *
 * 1. Token stack traces. cdktf records a full JavaScript stack trace
 *    (Error.stackTraceLimit = MAX_SAFE_INTEGER) for every token it creates:
 *    each `resource.id`/`.arn` reference, every Lazy value. The traces only
 *    decorate the message of a token that fails to resolve, yet capturing and
 *    formatting them is about a third of the CPU time of synthesizing an
 *    environment (profiled). `App({ stackTraces: false })` does not cover
 *    tokens. Its callers read `captureStackTrace` through the module's exports
 *    object at call time, so replacing that export is enough. Set
 *    ENCLAVE_CDKTF_STACK_TRACES=1 to keep them while debugging.
 *
 * 2. archiver. cdktf's index loads `archiver` (≈280 modules, ~120 ms CPU)
 *    eagerly, only to zip TerraformAsset directories, which the enclave never
 *    uses. We seed the module cache with a proxy that loads the real archiver
 *    on first use, so behaviour is unchanged if anything ever does zip.
 */
import { dirname } from 'node:path';

let tweaked = false;

export function applyCdktfRuntimeTweaks(
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (tweaked) return;
  tweaked = true;
  if (env.ENCLAVE_CDKTF_STACK_TRACES !== '1') disableTokenStackTraces();
  deferArchiver();
}

function disableTokenStackTraces(): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as {
      captureStackTrace?: unknown;
    };
    if (typeof stackTrace.captureStackTrace === 'function') {
      stackTrace.captureStackTrace = () => [];
    }
  } catch {
    // A cdktf without this private module keeps its default behaviour.
  }
}

function deferArchiver(): void {
  let archiverPath: string;
  try {
    archiverPath = require.resolve('archiver', {
      paths: [dirname(require.resolve('cdktf'))],
    });
  } catch {
    return;
  }
  if (require.cache[archiverPath]) return; // already loaded: nothing to save

  let real: ((...args: unknown[]) => unknown) | undefined;
  const load = () => {
    if (!real) {
      delete require.cache[archiverPath];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(archiverPath) as (...args: unknown[]) => unknown;
    }
    return real;
  };
  const proxy = new Proxy(function archiver() {}, {
    apply: (_target, thisArg, args) => Reflect.apply(load(), thisArg, args),
    get: (_target, property) => Reflect.get(load(), property),
    has: (_target, property) => Reflect.has(load(), property),
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Module } = require('node:module') as {
    Module: new (id: string) => NodeJS.Module;
  };
  const placeholder = new Module(archiverPath);
  placeholder.filename = archiverPath;
  placeholder.loaded = true;
  placeholder.exports = proxy;
  require.cache[archiverPath] = placeholder;
}

applyCdktfRuntimeTweaks();
