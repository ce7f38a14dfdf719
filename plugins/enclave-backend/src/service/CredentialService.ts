import { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  EnvironmentRecord,
  InitialCredential,
} from '@data-enclave/plugin-enclave-common';
import { EnvironmentStore } from '../database/EnvironmentStore';

/** Secrets Manager client for the environment's account and region. */
export type SecretsClientFactory = (
  environment: EnvironmentRecord,
) => Promise<SecretsManagerClient>;

/**
 * Hands a member their initial desktop password exactly once. The password is
 * read from Secrets Manager at the moment of the reveal, returned in the
 * response and nowhere else: it is never logged, cached or stored.
 */
export class CredentialService {
  constructor(
    private readonly store: EnvironmentStore,
    private readonly secretsClient: SecretsClientFactory,
    private readonly logger: LoggerService,
  ) {}

  /**
   * @param user - the member's username or user entity ref, from the URL
   * @param callerRef - the authenticated user's entity ref
   */
  async reveal(
    environmentId: string,
    user: string,
    callerRef: string,
  ): Promise<InitialCredential> {
    const environment = await this.store.get(environmentId);
    const member = environment.members.find(
      m => m.username === user || m.entityRef === user,
    );
    const targetRef = member?.entityRef ?? user;
    // Same answer whether or not the member exists, so that other people
    // cannot probe who has a desktop here.
    if (targetRef !== callerRef) {
      throw new NotAllowedError(
        `only ${targetRef} can reveal this initial credential; sign in as that user`,
      );
    }
    if (!member) {
      throw new NotFoundError(
        `${callerRef} has no desktop in environment ${environment.name}`,
      );
    }

    const claim = await this.store.claimInitialCredential(
      environmentId,
      member.entityRef,
      callerRef,
    );
    try {
      const client = await this.secretsClient(environment);
      const out = await client.send(
        new GetSecretValueCommand({ SecretId: claim.member.secretName }),
      );
      const password = readPassword(out.SecretString);
      await this.store.finishCredentialReveal(environmentId, claim);
      this.logger.info(
        `Initial credential for ${member.username} in environment ${environmentId} revealed to ${callerRef}`,
      );
      return {
        environmentId,
        username: member.username,
        password,
        deliveredAt: claim.member.credentialDeliveredAt!,
      };
    } catch (error) {
      // Only the error name/message of the AWS call: it carries no secret value.
      const reason = `could not read the initial credential: ${
        (error as Error)?.name ?? 'Error'
      }: ${(error as Error)?.message ?? String(error)}`;
      await this.store.finishCredentialReveal(environmentId, claim, reason);
      throw new Error(`${reason}; nothing was revealed, try again later`);
    }
  }
}

/** enclave-node stores `{ username, password, directoryId }`; accept a bare string too. */
function readPassword(secretString: string | undefined): string {
  if (!secretString) {
    throw new Error('the secret has no string value');
  }
  try {
    const parsed = JSON.parse(secretString);
    if (typeof parsed?.password === 'string') return parsed.password;
  } catch {
    // not JSON: the secret is the password itself
  }
  return secretString;
}
