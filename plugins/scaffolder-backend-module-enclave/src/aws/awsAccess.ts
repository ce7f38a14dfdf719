/*
 * Apply mode's access to an environment's account, from
 * `@backstage/integration-aws-node` (the `aws:` config): SDK clients for
 * enclave-node, and the same credentials as environment variables for
 * terraform. Absent in plan mode.
 */
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  createEnclaveAwsClients,
  EnclaveAwsClients,
  ProvisionDesktopsTuning,
  terraformCredentialsEnv,
  Timing,
} from '@data-enclave/plugin-enclave-node';

export interface AwsAccess {
  /** Credentials terraform runs with, as environment variables. */
  terraformEnv(
    accountId: string,
    region: string,
  ): Promise<Record<string, string>>;
  /** SDK clients for an account and region. */
  awsClients(accountId: string, region: string): Promise<EnclaveAwsClients>;
  /** Waits (tests inject a fake clock and short delays). */
  waits?: { timing?: Timing; minDelayMs?: number; maxDelayMs?: number };
}

/** One credential provider per account from `aws:` config. */
export function awsAccessFromCredentialsManager(
  credentialsManager: AwsCredentialsManager,
): AwsAccess {
  const providerFor = async (accountId: string) =>
    (await credentialsManager.getCredentialProvider({ accountId }))
      .sdkCredentialProvider;
  return {
    awsClients: async (accountId, region) =>
      createEnclaveAwsClients({
        region,
        credentials: await providerFor(accountId),
      }),
    terraformEnv: async accountId =>
      terraformCredentialsEnv(await providerFor(accountId)),
  };
}

/** The desktops step's tuning from the injected waits (tests' fake clock). */
export function desktopTuning(
  waits: AwsAccess['waits'],
): ProvisionDesktopsTuning | undefined {
  return (
    waits && {
      timing: waits.timing,
      waitMinDelayMs: waits.minDelayMs,
      waitMaxDelayMs: waits.maxDelayMs,
    }
  );
}
