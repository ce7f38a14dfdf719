/*
 * Apply mode: AWS credentials from `@backstage/integration-aws-node` (the
 * `aws:` config), used both for terraform (as environment variables) and for
 * the SDK clients that create directory users and WorkSpaces.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  createEnclaveAwsClients,
  provisionDesktops,
} from '@data-enclave/plugin-enclave-node';
import type { ApplyModeDeps } from '../actions/provision';

export function createApplyModeDeps(
  credentialsManager: AwsCredentialsManager,
): ApplyModeDeps {
  const providerFor = async (accountId: string) =>
    (await credentialsManager.getCredentialProvider({ accountId }))
      .sdkCredentialProvider;

  return {
    async terraformEnv(accountId) {
      // Resolved once per run: session credentials are valid for the length
      // of a provisioning run (assume-role defaults to 1 hour; raise the
      // role's max session duration for slow directory creations).
      const credentials = await (await providerFor(accountId))();
      return {
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        ...(credentials.sessionToken
          ? { AWS_SESSION_TOKEN: credentials.sessionToken }
          : {}),
      };
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
      const clients = createEnclaveAwsClients({
        region,
        credentials: await providerFor(accountId),
      });
      const result = await provisionDesktops({
        environment,
        users: users.map(u => ({ name: u.name, email: u.email })),
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
        clients,
        logger: logger as LoggerService,
        signal,
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
