/*
 * Who may own and manage an environment, decided once: the permission rules
 * of enclave-backend (IS_OWNER_TEAM, IS_ADMIN) and the provision action's
 * check on the initiator both call these, so the person who creates an
 * environment is exactly a person the shipped policy lets see and manage it.
 *
 * `claims` are the user's ownership entity refs (Backstage's
 * `UserInfoService.getUserInfo().ownershipEntityRefs`): the user ref plus the
 * groups the sign-in resolver put in the token. Catalog-based resolvers
 * (`signInWithCatalogUser`, the guest provider when its `userEntityRef` is in
 * the catalog) fill them from the user entity's `memberOf` relations.
 */

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * `ref` is among `claims` (entity refs compare case-insensitively).
 * @public
 */
export function claimsInclude(claims: string[], ref: string): boolean {
  const wanted = lower(ref);
  return claims.some(claim => lower(claim) === wanted);
}

/**
 * The user is in `dataEnclave.adminGroup` (never, when none is configured).
 * @public
 */
export function isEnclaveAdmin(
  claims: string[],
  adminGroup: string | undefined,
): boolean {
  return Boolean(adminGroup) && claimsInclude(claims, adminGroup!);
}

/**
 * Why a user may not create an environment owned by `team`, or undefined when
 * they may: they are a member of the team or an enclave admin.
 * @public
 */
export function environmentOwnershipRefusal(options: {
  userRef: string;
  claims: string[];
  team: string;
  adminGroup?: string;
}): string | undefined {
  const { userRef, claims, team, adminGroup } = options;
  if (claimsInclude(claims, team) || isEnclaveAdmin(claims, adminGroup)) {
    return undefined;
  }
  const groups = claims.filter(claim => lower(claim).startsWith('group:'));
  const yours = groups.length
    ? `Pick one of your teams (${groups.join(', ')})`
    : 'You are in no team as far as your sign-in knows: ask your Backstage admin to add you to one in the catalog (a Group with you in spec.members, or memberOf on your User), then sign in again';
  const admin = adminGroup
    ? `, or ask a member of ${adminGroup} (dataEnclave.adminGroup) to create it`
    : '';
  return `${userRef} is not a member of ${team}, so an environment owned by it would be one you cannot see or manage. ${yours}${admin}.`;
}
