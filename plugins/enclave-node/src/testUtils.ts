/*
 * Test utilities for other packages' tests (`@data-enclave/plugin-enclave-node/testUtils`):
 * an in-memory AWS on aws-sdk-client-mock, a jumping clock, an example EMR
 * launch spec and a state that makes the real plan destructive. Not for
 * production code.
 */
// This file exists to re-export the test doubles to other packages' tests.
// eslint-disable-next-line no-restricted-imports
export {
  FakeAws,
  fakeTiming,
  captureLogger,
  makeUsers,
  awsError,
  DIRECTORY_ID,
  KMS_KEY_ARN,
} from './aws/__testUtils__/fakeAws';
// eslint-disable-next-line no-restricted-imports
export type { FakeAwsOptions } from './aws/__testUtils__/fakeAws';
// eslint-disable-next-line no-restricted-imports
export { exampleEmrLaunchSpec } from './aws/__testUtils__/emrLaunchSpecFixture';
// eslint-disable-next-line no-restricted-imports
export {
  seedRetiredResourceState,
  RETIRED_RESOURCE_ADDRESS,
} from './fleet/__testUtils__/retiredResourceState';
