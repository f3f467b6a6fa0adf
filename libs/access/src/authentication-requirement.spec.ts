import { OAuthError } from '@app/core';
import { acceptedLevels, acrClaim, AuthenticationRequirements } from './authentication-requirement';

describe('authentication requirements', () => {
  const groupsRequiring = (level: 'pwd' | 'mfa' | 'phr') => new AuthenticationRequirements({ requiredLevelOf: async () => level } as never);

  it('takes the request acr_values over the client defaults, keeping only ours in order', () => {
    expect(acceptedLevels(['urn:x', 'phr', 'mfa'], ['pwd'])).toEqual(['phr', 'mfa']);
    expect(acceptedLevels(undefined, ['mfa'])).toEqual(['mfa']);
    expect(acceptedLevels(undefined, [])).toEqual([]);
  });

  it('refuses a request naming only levels we do not offer', () => {
    expect(() => acceptedLevels(['urn:example:loa:4'], [])).toThrow(OAuthError);
  });

  it('needs the lowest accepted level, raised to what the groups require', async () => {
    expect((await groupsRequiring('pwd').of(['phr', 'mfa'], 'u')).level).toBe('mfa');
    expect((await groupsRequiring('phr').of(['mfa'], 'u')).level).toBe('phr');
    expect((await groupsRequiring('mfa').of([], 'u')).level).toBe('mfa');
  });

  it('claims the first accepted value the sign-in met, never more than it did', () => {
    expect(acrClaim({ level: 'mfa', accepted: ['phr', 'mfa'] }, 'mfa')).toBe('mfa');
    expect(acrClaim({ level: 'mfa', accepted: ['phr', 'mfa'] }, 'phr')).toBe('phr');
    expect(acrClaim({ level: 'pwd', accepted: [] }, 'pwd')).toBe('pwd');
  });
});
