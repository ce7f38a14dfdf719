/*
 * Who may use the fleet routes: a signed-in user who is in
 * `dataEnclave.adminGroup` AND whom the permission policy allows
 * `enclave.fleet.manage`. Both, so that a permissive policy (allow-all)
 * cannot open the fleet to everyone, and a policy can narrow it further.
 * Service principals are refused: a fleet run is a person's decision and is
 * recorded under their name in every environment's audit trail.
 */
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  enclaveFleetManagePermission,
  isEnclaveAdmin,
} from '@data-enclave/plugin-enclave-common';
import type { Request } from 'express';

export interface FleetAdmin {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  /** The admin's user entity ref (the runs' initiator). */
  userRef: string;
}

export class FleetAuthorizer {
  constructor(
    private readonly deps: {
      httpAuth: HttpAuthService;
      userInfo: UserInfoService;
      permissions: PermissionsService;
      adminGroup: string | undefined;
    },
  ) {}

  /** The admin making the request; 401 without credentials, 403 otherwise. */
  async authorize(req: Request): Promise<FleetAdmin> {
    const { httpAuth, userInfo, permissions, adminGroup } = this.deps;
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type !== 'user') {
      throw new NotAllowedError(
        'the fleet is for platform admins signed in to Backstage; service-to-service calls are refused',
      );
    }
    const user = credentials as BackstageCredentials<BackstageUserPrincipal>;
    if (!adminGroup) {
      throw new NotAllowedError(
        'the fleet is for platform admins, and none are configured: set dataEnclave.adminGroup to the group entity ref of the platform team',
      );
    }
    const { ownershipEntityRefs } = await userInfo.getUserInfo(user);
    if (!isEnclaveAdmin(ownershipEntityRefs, adminGroup)) {
      throw new NotAllowedError(
        `the fleet is for members of ${adminGroup} (dataEnclave.adminGroup); ${user.principal.userEntityRef} is not one. Ask the platform team to add you to that group`,
      );
    }
    const [decision] = await permissions.authorize(
      [{ permission: enclaveFleetManagePermission }],
      { credentials: user },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `the permission policy does not allow ${enclaveFleetManagePermission.name} for ${user.principal.userEntityRef}; ask the platform team to allow it for ${adminGroup}`,
      );
    }
    return { credentials: user, userRef: user.principal.userEntityRef };
  }
}
