/**
 * The `enclave` CLI as a package entry point
 * (`@data-enclave/plugin-enclave-node/cli`). It exists so that the build puts
 * the CLI in `dist/cli.cjs.js`: the published package ships no TypeScript
 * sources, and `bin/enclave` loads this file from there.
 *
 * @packageDocumentation
 */
export { main } from './main';
