import { INVALID_GRANT_DESCRIPTION, InvalidGrant, InvalidRequest, OAuthError, toErrorDescription } from './oauth-error';

// RFC 6749 §5.2: error_description = 1*( %x20-21 / %x23-5B / %x5D-7E )
const ALLOWED = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

describe('error_description', () => {
  it('keeps plain text as it is', () => {
    expect(toErrorDescription('The grant type foo is not supported')).toBe('The grant type foo is not supported');
  });

  it('reduces echoed input to the characters RFC 6749 allows', () => {
    const echoed = new OAuthError('unsupported_grant_type', 'The grant type fo"o\\é\n\u0000 is not supported');
    expect(echoed.description).toBe("The grant type fo'o/??? is not supported");
    expect(echoed.description).toMatch(ALLOWED);
    expect(echoed.toJSON()).toEqual({ error: 'unsupported_grant_type', error_description: "The grant type fo'o/??? is not supported" });
  });

  it('applies to every subclass and leaves an absent description absent', () => {
    expect(new InvalidRequest('résumé "x"').description).toBe("r?sum? 'x'");
    expect(new OAuthError('invalid_request').toJSON()).toEqual({ error: 'invalid_request' });
  });
});

describe(InvalidGrant.name, () => {
  it('answers every cause with the one description and keeps the reason for the log only', () => {
    const error = new InvalidGrant('authorization code of grant g-1 expired at 2030-01-15T10:01:00.000Z');
    expect(error.toJSON()).toEqual({ error: 'invalid_grant', error_description: INVALID_GRANT_DESCRIPTION });
    expect(error.detail).toBe('authorization code of grant g-1 expired at 2030-01-15T10:01:00.000Z');
    expect(JSON.stringify(error.toJSON())).not.toContain('expired at');
  });
});
