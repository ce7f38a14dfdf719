/*
 * The credentials the SDK clients use, handed to terraform: the AWS provider
 * reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`
 * from its environment (terraform-provider-aws v5.100.0,
 * website/docs/index.html.markdown, "Environment Variables"). Both the
 * scaffolder actions and the backend's drift checks run terraform this way,
 * so the mapping lives here once.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/**
 * Resolves `credentials` once and returns them as terraform's environment,
 * per run. Terraform cannot refresh them: with Backstage's assume-role
 * credentials (no DurationSeconds requested, so STS's 3600 s default;
 * role chaining is capped at one hour too: botocore sts/2011-06-15
 * AssumeRoleRequest.DurationSeconds) one run must finish within the hour.
 */
export async function terraformCredentialsEnv(
  credentials: AwsCredentialIdentityProvider,
): Promise<Record<string, string>> {
  const identity = await credentials();
  return {
    AWS_ACCESS_KEY_ID: identity.accessKeyId,
    AWS_SECRET_ACCESS_KEY: identity.secretAccessKey,
    ...(identity.sessionToken
      ? { AWS_SESSION_TOKEN: identity.sessionToken }
      : {}),
  };
}
