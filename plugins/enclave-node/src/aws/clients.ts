import { DirectoryServiceClient } from '@aws-sdk/client-directory-service';
import { EMRClient } from '@aws-sdk/client-emr';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { WorkSpacesClient } from '@aws-sdk/client-workspaces';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@aws-sdk/types';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import pLimit from 'p-limit';
import { wrapMethods } from './proxies';
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
  /**
   * Total attempts per call including the first. Default 5: provisioning makes
   * bursts of calls and a slightly larger budget than the SDK default (3)
   * avoids failing a user for a transient throttle.
   */
  maxAttempts?: number;
  /** Default 'adaptive': client-side rate limiting that backs off on throttling. */
  retryMode?: 'adaptive' | 'standard';
  /** Test/bench hook: replaces the HTTP layer of every client. */
  requestHandler?: NodeHttpHandler;
  /** Optional endpoint override for Directory Service Data (VPC endpoint). */
  directoryDataEndpoint?: string;
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
  const common = {
    region: options.region,
    credentials: options.credentials,
    retryMode: options.retryMode ?? 'adaptive',
    maxAttempts: options.maxAttempts ?? 5,
    ...(options.requestHandler
      ? { requestHandler: options.requestHandler }
      : {}),
  };
  return {
    workspaces: new WorkSpacesClient(common),
    directoryService: new DirectoryServiceClient(common),
    secretsManager: new SecretsManagerClient(common),
    emr: new EMRClient(common),
    directoryData: new DirectoryServiceDataClient({
      region: options.region,
      credentials: options.credentials,
      retryMode: common.retryMode,
      maxAttempts: common.maxAttempts,
      endpoint: options.directoryDataEndpoint,
      requestHandler: options.requestHandler,
    }),
  };
}

/** Closes the clients' socket pools (for short-lived CLI runs and tests). */
export function destroyEnclaveAwsClients(clients: EnclaveAwsClients): void {
  clients.workspaces.destroy();
  clients.directoryService.destroy();
  clients.secretsManager.destroy();
  clients.emr.destroy();
  const data = clients.directoryData as Partial<{ destroy(): void }>;
  data.destroy?.();
}

/** See withConcurrencyLimit. */
export const DEFAULT_MAX_IN_FLIGHT = 50;

/**
 * Caps the number of in-flight requests per client. One limit per client
 * (= per socket pool): calls to different services do not wait for each other,
 * so per-user pipelines (CreateUser → ResetUserPassword → CreateSecret) overlap.
 *
 * Default 50 = NodeHttpHandler's default socket pool per client, i.e. what a
 * single SDK client would run at once anyway; the adaptive retry mode's
 * client-side rate limiter slows down further when AWS starts throttling.
 */
export function withConcurrencyLimit(
  clients: EnclaveAwsClients,
  maxInFlight = DEFAULT_MAX_IN_FLIGHT,
): EnclaveAwsClients {
  const limited = <T extends object>(target: T, methods = ['send']) => {
    const limit = pLimit(maxInFlight);
    return wrapMethods(target, methods, call => limit(call));
  };
  return {
    workspaces: limited(clients.workspaces),
    directoryService: limited(clients.directoryService),
    secretsManager: limited(clients.secretsManager),
    emr: limited(clients.emr),
    directoryData: limited(clients.directoryData, [
      'createUser',
      'describeUser',
      'deleteUser',
    ]),
  };
}
