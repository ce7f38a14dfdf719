import {
  claimsInclude,
  environmentOwnershipRefusal,
  isEnclaveAdmin,
} from './ownership';

describe('environment ownership', () => {
  const member = ['user:default/ada', 'group:default/data-science'];

  it('matches entity refs case-insensitively, as the catalog does', () => {
    expect(claimsInclude(member, 'group:default/Data-Science')).toBe(true);
    expect(claimsInclude(member, 'group:default/ml')).toBe(false);
  });

  it('has no admins when dataEnclave.adminGroup is not set', () => {
    expect(isEnclaveAdmin(member, undefined)).toBe(false);
    expect(isEnclaveAdmin(member, 'group:default/data-science')).toBe(true);
  });

  it('lets members and admins own an environment', () => {
    const refusal = (claims: string[], adminGroup?: string) =>
      environmentOwnershipRefusal({
        userRef: claims[0],
        claims,
        team: 'group:default/data-science',
        adminGroup,
      });
    expect(refusal(member)).toBeUndefined();
    expect(
      refusal(
        ['user:default/root', 'group:default/admins'],
        'group:default/admins',
      ),
    ).toBeUndefined();
  });

  it('tells a user in no team how to get into one', () => {
    expect(
      environmentOwnershipRefusal({
        userRef: 'user:development/guest',
        claims: ['user:development/guest'],
        team: 'group:default/data-science',
      }),
    ).toBe(
      'user:development/guest is not a member of group:default/data-science, so an environment owned by it would be one you cannot see or manage. You are in no team as far as your sign-in knows: ask your Backstage admin to add you to one in the catalog (a Group with you in spec.members, or memberOf on your User), then sign in again.',
    );
  });
});
