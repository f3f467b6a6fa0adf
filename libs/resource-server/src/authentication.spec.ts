import { acrSatisfies, assertAuthentication, unmetAuthentication } from './authentication';
import { bearerChallenge } from './bearer';
import { InsufficientUserAuthenticationError } from './errors';

const NOW_MS = 1_800_000_000_000;
const NOW = NOW_MS / 1000;

describe(acrSatisfies.name, () => {
  it.each([
    ['mfa', ['mfa'], true],
    ['phr', ['mfa'], true],
    ['phr', ['mfa', 'phr'], true],
    ['pwd', ['mfa', 'phr'], false],
    ['mfa', ['phr'], false],
    [undefined, ['pwd'], false],
    ['urn:example:gold', ['urn:example:gold'], true],
    ['urn:example:gold', ['mfa'], false],
    ['phr', ['urn:example:gold'], false],
  ] as const)('acr %s meets %j: %s', (achieved, accepted, expected) => {
    expect(acrSatisfies(achieved, accepted)).toBe(expected);
  });

  it('asks nothing of a token when no level is required', () => {
    expect(acrSatisfies(undefined, [])).toBe(true);
  });
});

describe(unmetAuthentication.name, () => {
  it('is met by a strong enough, recent enough authentication', () => {
    expect(unmetAuthentication({ acr: 'phr', authTime: NOW - 60 }, { acr: ['mfa'], maxAge: 300 }, NOW_MS)).toBeUndefined();
  });

  it('names the whole requirement when only the level falls short', () => {
    expect(unmetAuthentication({ acr: 'pwd', authTime: NOW - 60 }, { acr: ['mfa'], maxAge: 300 }, NOW_MS)).toEqual({
      tooWeak: true,
      tooOld: false,
      acrValues: ['mfa'],
      maxAge: 300,
    });
  });

  it('RFC 9470 §3: fails max_age when the authentication is older, or when auth_time is missing', () => {
    expect(unmetAuthentication({ acr: 'mfa', authTime: NOW - 301 }, { maxAge: 300 }, NOW_MS)).toEqual({ tooWeak: false, tooOld: true, maxAge: 300 });
    expect(unmetAuthentication({ acr: 'mfa', authTime: undefined }, { maxAge: 300 }, NOW_MS)).toMatchObject({ tooOld: true });
    expect(unmetAuthentication({ acr: 'mfa', authTime: NOW - 300 }, { maxAge: 300 }, NOW_MS)).toBeUndefined();
  });
});

describe(assertAuthentication.name, () => {
  it('RFC 9470 §3: renders a too weak token as 401 insufficient_user_authentication with acr_values', () => {
    let thrown: unknown;
    try {
      assertAuthentication({ acr: 'pwd', authTime: NOW }, { acr: ['mfa', 'phr'] }, NOW_MS);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InsufficientUserAuthenticationError);
    expect(bearerChallenge(thrown as InsufficientUserAuthenticationError, { realm: 'orders' })).toEqual({
      status: 401,
      headers: {
        'WWW-Authenticate':
          'Bearer realm="orders", error="insufficient_user_authentication", error_description="A stronger authentication is required", acr_values="mfa phr"',
      },
      body: { error: 'insufficient_user_authentication', error_description: 'A stronger authentication is required' },
    });
  });

  it('RFC 9470 §3: renders a too old authentication with max_age', () => {
    expect(() => assertAuthentication({ acr: 'mfa', authTime: NOW - 900 }, { maxAge: 300 }, NOW_MS)).toThrow(InsufficientUserAuthenticationError);
    const error = new InsufficientUserAuthenticationError({ tooWeak: false, tooOld: true, maxAge: 300 });
    expect(bearerChallenge(error).headers['WWW-Authenticate']).toBe(
      'Bearer realm="api", error="insufficient_user_authentication", error_description="A more recent authentication is required", max_age="300"',
    );
  });
});
