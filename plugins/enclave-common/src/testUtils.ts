/*
 * Property-test generators for other packages' tests
 * (`@data-enclave/plugin-enclave-common/testUtils`). Not for production code.
 */
/* eslint-disable no-restricted-imports -- this file re-exports the test doubles */
export * from './spec/__testUtils__/specArbitraries';
export * from './__testUtils__/registryArbitraries';
export * from './__testUtils__/approvedBundles';
