import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { terraformCredentialsEnv } from '@data-enclave/plugin-enclave-node';
import { DriftDeps } from './driftSchedule';

/**
 * Terraform's credentials for an environment's account, from
 * `@backstage/integration-aws-node` (the `aws:` config), as the scaffolder
 * actions get them. Resolved per environment and round: an assume-role
 * session from one round may have expired by the next.
 */
export function driftTerraformEnv(
  config: Config,
): NonNullable<DriftDeps['terraformEnv']> {
  let manager: DefaultAwsCredentialsManager | undefined;
  return async accountId => {
    manager ??= DefaultAwsCredentialsManager.fromConfig(config);
    const { sdkCredentialProvider } = await manager.getCredentialProvider({
      accountId,
    });
    return terraformCredentialsEnv(sdkCredentialProvider);
  };
}
