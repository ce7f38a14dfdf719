import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { environmentResourcePrefix } from '@data-enclave/plugin-enclave-common';
import {
  DIRECTORY_ADMIN_USERNAME,
  directoryAdminSecretName,
} from '@data-enclave/plugin-enclave-node';
import type { FakeAws } from '@data-enclave/plugin-enclave-node/testUtils';

/**
 * As if an earlier attempt had stored the directory admin password in the
 * stack's secret (stack/directory.ts: `{ username, password }` JSON): the
 * pipeline must read and reuse it. Only a GetSecretValue for that exact
 * secret name answers (aws-sdk-client-mock input matching).
 */
export function storeDirectoryPassword(
  aws: FakeAws,
  environment: { name: string; team: string },
  password: string,
): void {
  aws.mocks.secretsManager
    .on(GetSecretValueCommand, {
      SecretId: directoryAdminSecretName(
        environmentResourcePrefix(environment),
      ),
    })
    .resolves({
      SecretString: JSON.stringify({
        username: DIRECTORY_ADMIN_USERNAME,
        password,
      }),
    });
}
