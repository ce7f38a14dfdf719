/**
 * Directory users and WorkSpaces provisioning, status and teardown on AWS SDK v3.
 * Backstage-agnostic: callers pass clients (see createEnclaveAwsClients) built
 * from @backstage/integration-aws-node credentials, a logger and a signal.
 */
export { provisionDesktops } from './provisionDesktops';
export type {
  ProvisionDesktopsInput,
  ProvisionDesktopsResult,
  ProvisionDesktopsTuning,
} from './provisionDesktops';
export type { DesktopResult, DesktopUser, EnclaveLogger } from './types';
export { DESKTOP_FAILED_STATE } from './types';

export {
  createEnclaveAwsClients,
  destroyEnclaveAwsClients,
  enclaveRetryStrategy,
  ENCLAVE_MAX_ATTEMPTS,
  DEFAULT_MAX_SOCKETS,
} from './clients';
export type { EnclaveAwsClients, EnclaveAwsClientOptions } from './clients';
export { terraformCredentialsEnv } from './terraformCredentials';

export {
  DirectoryServiceDataClient,
  DirectoryDataServiceException,
  resolveDirectoryDataEndpoint,
} from './directoryDataClient';
export type {
  DirectoryDataApi,
  DirectoryDataClientConfig,
  CreateUserRequest,
  CreateUserResult,
  DescribeUserRequest,
  DescribeUserResult,
  DeleteUserRequest,
  DeleteUserResult,
} from './directoryDataClient';

export { ensureDirectoryDataAccess } from './directoryDataAccess';
export type { EnsureDirectoryDataAccessOptions } from './directoryDataAccess';
export { ensureDirectoryUser, deleteDirectoryUser } from './users';
export {
  setInitialPassword,
  userSecretName,
  userSecretExists,
  deleteUserSecret,
} from './userSecrets';
export {
  deriveSamAccountName,
  assignSamAccountNames,
  isValidSamAccountName,
  SAM_ACCOUNT_NAME_MAX_LENGTH,
} from './samAccountName';
export { generatePassword, meetsComplexity } from './passwords';
export {
  findBundleByName,
  BundleNotFoundError,
  DEFAULT_BUNDLE_NAME,
} from './bundles';
export type { ResolvedBundle, FindBundleOptions } from './bundles';
export {
  createWorkspaces,
  listWorkspacesByDirectory,
} from './createWorkspaces';
export type {
  CreateWorkspacesOptions,
  CreateWorkspacesOutcome,
} from './createWorkspaces';
export {
  waitForWorkspaces,
  WorkspacesWaitTimeoutError,
  READY_STATES,
  FAILED_STATES,
} from './waitForWorkspaces';
export type {
  WaitForWorkspacesOptions,
  WorkspaceState,
} from './waitForWorkspaces';
export { isRetryableWorkspaceFailure } from './workspaceErrors';
export { getEnvironmentStatus } from './status';
export {
  startSparkCluster,
  sparkClusterStatus,
  terminateSparkClusters,
  parseEmrLaunchSpec,
  sparkClusterIdentity,
  ACTIVE_CLUSTER_STATES,
} from './sparkCluster';
export type { SparkClusterStatus, SparkClusterIdentity } from './sparkCluster';
export { emptyVersionedBucket } from './emptyBucket';
export type { EmptyBucketOptions } from './emptyBucket';
export type {
  EnvironmentStatus,
  EnvironmentStatusInput,
  DesktopStatus,
} from './status';
export {
  terminateWorkspaces,
  deregisterWorkspaceDirectory,
  deleteUsersAndSecrets,
} from './teardown';
export type {
  TerminateWorkspacesOptions,
  TerminateWorkspacesOutcome,
  DeregisterDirectoryOptions,
  DeleteUsersOptions,
  DeleteUserOutcome,
} from './teardown';
export { AbortError, WaitTimeoutError, realTiming } from './timing';
export type { Timing } from './timing';
