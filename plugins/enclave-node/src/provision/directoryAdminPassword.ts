/*
 * The directory admin password an earlier attempt stored in the stack's
 * secret (stack/directory.ts), so a retried or repeated provisioning hands
 * terraform the same value instead of a new one.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { environmentResourcePrefix } from '@data-enclave/plugin-enclave-common';
import type { EnclaveAwsClients } from '../aws/clients';
import { directoryAdminSecretName } from '../stack';

/**
 * Undefined when the secret does not exist yet (first run). GetSecretValue
 * fails with ResourceNotFoundException for a missing secret (botocore
 * secretsmanager/2017-10-17/service-2.json, GetSecretValue errors); any other
 * error is a real problem (access, KMS) and is thrown.
 */
export async function existingDirectoryPassword(
  clients: Pick<EnclaveAwsClients, 'secretsManager'>,
  spec: { name: string; team: string },
): Promise<string | undefined> {
  try {
    const secret = await clients.secretsManager.send(
      new GetSecretValueCommand({
        SecretId: directoryAdminSecretName(environmentResourcePrefix(spec)),
      }),
    );
    return JSON.parse(secret?.SecretString ?? '{}').password;
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}
