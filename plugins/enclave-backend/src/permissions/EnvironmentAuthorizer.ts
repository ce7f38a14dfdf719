import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { EnvironmentRecord } from '@data-enclave/plugin-enclave-common';

/**
 * Asks the permission framework once per request (authorizeConditional) and
 * applies a conditional decision to the loaded environment(s) here, so a list
 * costs one policy call rather than one per environment. Service principals
 * (scaffolder actions, the catalog provider) are allowed by the framework.
 */
export class EnvironmentAuthorizer {
  private readonly isAllowed: ReturnType<
    typeof createConditionAuthorizer<EnvironmentRecord>
  >;

  constructor(
    private readonly permissions: PermissionsService,
    ruleset: PermissionRuleset<EnvironmentRecord, any, string>,
  ) {
    this.isAllowed = createConditionAuthorizer(ruleset);
  }

  async authorize(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'enclave-environment'>,
    environment: EnvironmentRecord,
  ): Promise<void> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (!this.isAllowed(decision, environment)) {
      throw new NotAllowedError(
        `you may not ${permission.attributes.action ?? 'access'} environment ${environment.name}: it belongs to ${environment.team}; ask a member of that team or a platform admin`,
      );
    }
  }

  async filter(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'enclave-environment'>,
    environments: EnvironmentRecord[],
  ): Promise<EnvironmentRecord[]> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    return environments.filter(env => this.isAllowed(decision, env));
  }
}
