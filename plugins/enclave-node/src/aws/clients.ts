import { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { EMRClient } from '@aws-sdk/client-emr';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  RetryStrategyV2,
} from '@aws-sdk/types';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  DirectoryDataApi,
  DirectoryServiceDataClient,
} from './directoryDataClient';

/**
 * The AWS clients the provisioning code needs, injected as one object so the
 * Backstage layer can build them with @backstage/integration-aws-node
 * credentials (and tests with aws-sdk-client-mock) while this library stays
 * Backstage-agnostic.
 */
export interface EnclaveAwsClients {
  workspaces: WorkSpacesClient;
  directoryService: DirectoryServiceClient;
  secretsManager: SecretsManagerClient;
  emr: EMRClient;
  /** The data bucket: emptied (all versions) before `terraform destroy`. */
  s3: S3Client;
  directoryData: DirectoryDataApi;
}

/**
 * Region + credentials: exactly what integration-aws-node hands out, e.g.
 * `const { sdkCredentialProvider } = await awsCredentialsManager.getCredentialProvider({ accountId });`
 * `createEnclaveAwsClients({ region, credentials: sdkCredentialProvider })`.
 * The account is implied by the credentials.
 */
export interface EnclaveAwsClientOptions {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Total attempts per call including the first. Default ENCLAVE_MAX_ATTEMPTS (8). */
  maxAttempts?: number;
  /**
   * Sockets per client (= requests in flight per service). Default
   * DEFAULT_MAX_SOCKETS (50): the socket pool is the concurrency limit, there
   * is no second one on top.
   */
  maxSockets?: number;
  /** Test/bench hook: replaces the retry strategy (e.g. no backoff delays). */
  retryStrategy?: RetryStrategyV2;
  /** Test/bench hook: replaces the HTTP layer of every client. */
  requestHandler?: NodeHttpHandler;
  /** Optional endpoint override for Directory Service Data (VPC endpoint). */
  directoryDataEndpoint?: string;
}

/**
 * THE retry layer (there is no other): the SDK's adaptive retry strategy,
 * configured once here for every client. It retries what the SDK classifies
 * as throttling (429, ThrottlingException, TooManyRequestsException,
 * RequestLimitExceeded, ... and the model's `@retryable(throttling)` trait),
 * transient errors (timeouts, 5xx, connection resets) with exponential backoff
 * and jitter, and its client-side rate limiter slows every later call of the
 * client down while AWS is throttling. One strategy per client: the retry
 * quota and the rate limiter are shared by all calls to one service.
 *
 * Budget: 8 attempts. Provisioning 100 people fans out hundreds of calls in
 * seconds; with the throttling backoff base (500 ms, doubling, capped at 20 s)
 * 8 attempts span about a minute, which outlasts a burst without turning a
 * real failure into a long hang. (The SDK default is 3.)
 *
 * Waiting for eventual consistency (a new directory user not yet visible,
 * a directory still counting terminated WorkSpaces) is not throttling: those
 * are explicit bounded polls at their call sites (users, teardown), with the
 * cited reason beside each.
 */
export const ENCLAVE_MAX_ATTEMPTS = 8;
/** NodeHttpHandler's own default socket pool per client. */
export const DEFAULT_MAX_SOCKETS = 50;

export function enclaveRetryStrategy(
  maxAttempts = ENCLAVE_MAX_ATTEMPTS,
): RetryStrategyV2 {
  return new AdaptiveRetryStrategy(async () => maxAttempts);
}

export function createEnclaveAwsClients(
  options: EnclaveAwsClientOptions,
): EnclaveAwsClients {
  if (!options.credentials) {
    // Credentials always come from the caller (integration-aws-node), never
    // from an implicit default chain: the library must not pick up whatever
    // happens to be on the host, and the DS Data client has no such chain.
    throw new Error(
      'createEnclaveAwsClients needs credentials (e.g. from @backstage/integration-aws-node)',
    );
  }
  const maxAttempts = options.maxAttempts ?? ENCLAVE_MAX_ATTEMPTS;
  const common = () => ({
    region: options.region,
    credentials: options.credentials,
    maxAttempts,
    retryStrategy: options.retryStrategy ?? enclaveRetryStrategy(maxAttempts),
    requestHandler:
      options.requestHandler ??
      new NodeHttpHandler({
        httpsAgent: { maxSockets: options.maxSockets ?? DEFAULT_MAX_SOCKETS },
      }),
  });
  return {
    workspaces: new WorkSpacesClient(common()),
    directoryService: new DirectoryServiceClient(common()),
    secretsManager: new SecretsManagerClient(common()),
    emr: new EMRClient(common()),
    s3: new S3Client(common()),
    directoryData: new DirectoryServiceDataClient({
      ...common(),
      endpoint: options.directoryDataEndpoint,
    }),
  };
}

/** Closes the clients' socket pools (for short-lived CLI runs and tests). */
export function destroyEnclaveAwsClients(clients: EnclaveAwsClients): void {
  clients.workspaces.destroy();
  clients.directoryService.destroy();
  clients.secretsManager.destroy();
  clients.emr.destroy();
  clients.s3.destroy();
  const data = clients.directoryData as Partial<{ destroy(): void }>;
  data.destroy?.();
}
