import { IdentityProviderEntity } from '../providers/identity-provider.entity';
import { profileOf } from './oidc-sign-in.service';

function provider(groupsClaim: string | null, usernameClaim = 'preferred_username'): IdentityProviderEntity {
  return Object.assign(new IdentityProviderEntity(), {
    type: 'oidc',
    name: 'contoso',
    config: { template: null, issuer: 'https://i', clientId: 'c', scopes: ['openid'], domains: [], groupsClaim, usernameClaim, groupMapping: {}, jit: true, linkByVerifiedEmail: false },
  });
}

describe(profileOf.name, () => {
  it('takes the subject, the username claim, the profile and the groups claim', () => {
    expect(profileOf(provider('roles'), { sub: 's', preferred_username: 'ada', email: 'a@x.example', email_verified: true, name: 'Ada', roles: ['g1', 7, 'g2'] })).toEqual({
      subject: 's', username: 'ada', email: 'a@x.example', emailVerified: true, name: 'Ada', givenName: undefined, familyName: undefined, groups: ['g1', 'g2'],
    });
  });

  it.each([['true'], [1], ['yes']])('does not count email_verified %p as verified', (value) => {
    expect(profileOf(provider(null), { sub: 's', email_verified: value }).emailVerified).toBe(false);
  });

  it('reads no groups when the provider has no groups claim', () => {
    expect(profileOf(provider(null), { sub: 's', groups: ['g'] }).groups).toEqual([]);
  });
});
