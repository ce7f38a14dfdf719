/*
 * Test utilities for other packages' tests (`@data-enclave/plugin-enclave-node/testUtils`):
 * an in-memory AWS on aws-sdk-client-mock and a jumping clock. Not for production code.
 */
export {
  FakeAws,
  fakeTiming,
  captureLogger,
  makeUsers,
  awsError,
  DIRECTORY_ID,
  KMS_KEY_ARN,
} from './aws/__testUtils__/fakeAws';
export type { FakeAwsOptions } from './aws/__testUtils__/fakeAws';
