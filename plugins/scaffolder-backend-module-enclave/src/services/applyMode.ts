/*
 * Apply mode: AWS credentials from `@backstage/integration-aws-node` (the
 * `aws:` config), used both for terraform (as environment variables) and for
 * the SDK clients that create directory users and WorkSpaces.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  createEnclaveAwsClients,
  EnclaveAwsClients,
  provisionDesktops,
} from '@data-enclave/plugin-enclave-node';
import type { ApplyModeDeps } from '../actions/provision';

export interface ApplyModeOptions {
  /** SDK clients for an account and region. */
  clientsFor(accountId: string, region: string): Promise<EnclaveAwsClients>;
  /** Credentials terraform runs with, as environment variables. */
  terraformEnv(accountId: string): Promise<Record<string, string>>;
  /** Passed to provisionDesktops (tests inject a fake clock). */
  desktopOptions?: Parameters<typeof provisionDesktops>[0]['options'];
}

export function createApplyModeDeps(options: ApplyModeOptions): ApplyModeDeps {
  return {
    terraformEnv: accountId => options.terraformEnv(accountId),

    async existingDirectoryPassword(accountId, region, secretName) {
      const { secretsManager } = await options.clientsFor(accountId, region);
      try {
        const secret = await secretsManager.send(
          new GetSecretValueCommand({ SecretId: secretName }),
        );
        return JSON.parse(secret?.SecretString ?? '{}').password;
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException')
          return undefined;
        throw error;
      }
    },

    async provisionDesktops({
      accountId,
      region,
      environment,
      outputs,
      users,
      spec,
      logger,
      signal,
    }) {
      const result = await provisionDesktops({
        environment,
        users: users.map(u => ({
          name: u.name,
          email: u.email,
          displayName: u.displayName,
        })),
        kmsKeyArn: String(outputs.kms_key_arn),
        directoryId: String(outputs.directory_id),
        bundleName: spec.workspaces.bundleName,
        computeType: spec.workspaces.computeType,
        autoStopTimeoutMinutes:
          spec.workspaces.runningModeAutoStopTimeoutInMinutes,
        tags: {
          'enclave:team': spec.team,
          'enclave:stack-version': spec.stackVersion,
        },
        clients: await options.clientsFor(accountId, region),
        logger: logger as LoggerService,
        signal,
        options: options.desktopOptions,
      });
      return result.desktops.map(desktop => {
        const user = users.find(
          u => u.name.toLowerCase() === desktop.user.toLowerCase(),
        );
        return {
          entityRef: user?.entityRef ?? desktop.user,
          username: desktop.username,
          email: user?.email,
          workspaceId: desktop.workspaceId,
          state: desktop.state,
          error: desktop.error,
          secretName: desktop.secretName,
        };
      });
    },
  };
}

/** SDK clients and terraform credentials per account, from `aws:` config. */
export function awsAccessFromCredentialsManager(
  credentialsManager: AwsCredentialsManager,
): Pick<ApplyModeOptions, 'clientsFor' | 'terraformEnv'> {
  const providerFor = async (accountId: string) =>
    (await credentialsManager.getCredentialProvider({ accountId }))
      .sdkCredentialProvider;
  return {
    clientsFor: async (accountId, region) =>
      createEnclaveAwsClients({
        region,
        credentials: await providerFor(accountId),
      }),
    async terraformEnv(accountId) {
      // Resolved once per run: assume-role sessions last an hour by default;
      // raise the role's max session duration for slow directory creations.
      const credentials = await (await providerFor(accountId))();
      return {
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        ...(credentials.sessionToken
          ? { AWS_SESSION_TOKEN: credentials.sessionToken }
          : {}),
      };
    },
  };
}

/** Production wiring: one credential provider per account from `aws:` config. */
export function applyModeFromCredentialsManager(
  credentialsManager: AwsCredentialsManager,
): ApplyModeDeps {
  return createApplyModeDeps(
    awsAccessFromCredentialsManager(credentialsManager),
  );
}
