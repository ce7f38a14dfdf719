import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  createEnclaveAwsClients,
  EnclaveAwsClients,
} from '@data-enclave/plugin-enclave-node';

/** SDK clients for the account and region an environment lives in. */
export type AwsClientsFactory = (target: {
  accountId: string;
  region: string;
}) => Promise<EnclaveAwsClients>;

/**
 * Clients built with credentials from `@backstage/integration-aws-node` (the
 * `aws:` config), one set per account and region, reused so their connection
 * pools are too.
 */
export function createAwsClientsFactory(config: Config): AwsClientsFactory {
  let manager: DefaultAwsCredentialsManager | undefined;
  const clients = new Map<string, Promise<EnclaveAwsClients>>();
  return target => {
    const key = `${target.accountId}/${target.region}`;
    let entry = clients.get(key);
    if (!entry) {
      manager ??= DefaultAwsCredentialsManager.fromConfig(config);
      entry = manager
        .getCredentialProvider({ accountId: target.accountId })
        .then(({ sdkCredentialProvider }) =>
          createEnclaveAwsClients({
            region: target.region,
            credentials: sdkCredentialProvider,
            // Status is read-only and cached: fail fast rather than hold a
            // card view through five adaptive retries.
            maxAttempts: 3,
          }),
        );
      // Do not remember a failure (e.g. a missing account): config may be fixed.
      entry.catch(() => clients.delete(key));
      clients.set(key, entry);
    }
    return entry;
  };
}
