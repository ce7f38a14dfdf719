import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  ENCLAVE_ENVIRONMENT_RESOURCE_TYPE,
  enclaveFleetManagePermission,
  isEnclaveAdmin,
} from '@data-enclave/plugin-enclave-common';
import {
  createEnclaveEnvironmentConditionalDecision,
  enclaveEnvironmentConditions,
} from './rules';

/**
 * Example policy for a Data Enclave install: a user may read and manage an
 * environment when it belongs to one of their teams or when they are in
 * `dataEnclave.adminGroup` (the enclave plugin evaluates both rules against the
 * record). `enclave.fleet.manage` (the fleet routes) is allowed to members of
 * `adminGroup` only. Everything else is allowed, so the catalog and
 * scaffolder keep their default behaviour; a real install merges the enclave
 * branches into its own policy.
 */
export class EnclavePermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: UserInfoService,
    private readonly options: {
      /** `dataEnclave.adminGroup`; without it nobody may manage the fleet. */
      adminGroup?: string;
    } = {},
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name === enclaveFleetManagePermission.name) {
      if (!user) return { result: AuthorizeResult.DENY };
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      return {
        result: isEnclaveAdmin(ownershipEntityRefs, this.options.adminGroup)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      !isResourcePermission(
        request.permission,
        ENCLAVE_ENVIRONMENT_RESOURCE_TYPE,
      )
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    const { ownershipEntityRefs: claims } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return createEnclaveEnvironmentConditionalDecision(request.permission, {
      anyOf: [
        enclaveEnvironmentConditions.isOwnerTeam({ claims }),
        enclaveEnvironmentConditions.isAdmin({ claims }),
      ],
    });
  }
}
