import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  enclaveEnvironmentReadPermission,
  enclaveFleetManagePermission,
} from '@data-enclave/plugin-enclave-common';
import { EnclavePermissionPolicy } from './EnclavePermissionPolicy';

const ADMINS = 'group:default/platform';
const OWNERSHIP: Record<string, string[]> = {
  'user:default/carol': ['user:default/carol', ADMINS],
  'user:default/bob': ['user:default/bob', 'group:default/ml'],
};
const userInfo = {
  async getUserInfo(credentials: any) {
    const ref = credentials.principal.userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: OWNERSHIP[ref] ?? [ref] };
  },
};
const queryUser = (ref: string) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: ref,
    ownershipEntityRefs: [],
  },
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [] },
  token: 'unused',
});

describe('EnclavePermissionPolicy', () => {
  const fleet = { permission: enclaveFleetManagePermission };

  it('allows enclave.fleet.manage to members of the admin group only', async () => {
    const policy = new EnclavePermissionPolicy(userInfo, {
      adminGroup: ADMINS,
    });
    expect(
      await policy.handle(fleet, queryUser('user:default/carol') as any),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle(fleet, queryUser('user:default/bob') as any),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
    expect(await policy.handle(fleet)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies enclave.fleet.manage to everyone when no admin group is configured', async () => {
    const policy = new EnclavePermissionPolicy(userInfo);
    expect(
      await policy.handle(fleet, queryUser('user:default/carol') as any),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('still answers environment permissions with the owner/admin conditions', async () => {
    const policy = new EnclavePermissionPolicy(userInfo, {
      adminGroup: ADMINS,
    });
    const decision = await policy.handle(
      { permission: enclaveEnvironmentReadPermission },
      queryUser('user:default/bob') as any,
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
  });
});
