import { bearerChallenge, extractBearerToken } from './bearer';
import {
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  MissingTokenError,
  VerifierUnavailableError,
} from './errors';

describe(extractBearerToken.name, () => {
  it.each([
    ['Bearer abc.def-ghi_jkl~mno+pqr/stu=='],
    ['bearer abc.def-ghi_jkl~mno+pqr/stu=='],
    ['BEARER   abc.def-ghi_jkl~mno+pqr/stu=='],
  ])('reads the token from %j', (authorization) => {
    expect(extractBearerToken({ authorization })).toBe('abc.def-ghi_jkl~mno+pqr/stu==');
  });

  it('reads fetch Headers and header objects with unusual casing', () => {
    expect(extractBearerToken(new Headers({ Authorization: 'Bearer t1' }))).toBe('t1');
    expect(extractBearerToken({ Authorization: 'Bearer t2' })).toBe('t2');
  });

  it.each([[{}], [{ authorization: '' }], [{ authorization: '   ' }], [{ authorization: 'Basic dXNlcjpwYXNz' }]])(
    'treats %j as no token',
    (headers) => {
      expect(() => extractBearerToken(headers)).toThrow(MissingTokenError);
    },
  );

  it.each([
    ['Bearer'],
    ['Bearer '],
    ['Bearer a b'],
    ['Bearer a, Bearer b'],
    ['Bearer a,b'],
    ['Bearer "quoted"'],
    ['Bearer\ttab'],
    ['Bearer =abc'],
    ['"Bearer" abc'],
  ])('rejects %j as invalid_request', (authorization) => {
    expect(() => extractBearerToken({ authorization })).toThrow(InvalidRequestError);
  });

  it('rejects several Authorization headers as invalid_request', () => {
    expect(() => extractBearerToken({ authorization: ['Bearer a', 'Bearer b'] })).toThrow(InvalidRequestError);
  });
});

describe(bearerChallenge.name, () => {
  it('answers a missing token with a bare challenge (RFC 6750 §3.1)', () => {
    expect(bearerChallenge(new MissingTokenError(), { realm: 'orders' })).toEqual({
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="orders"' },
      body: { error_description: 'An access token is required' },
    });
  });

  it('answers an invalid token with 401 invalid_token', () => {
    expect(bearerChallenge(new InvalidTokenError('The access token expired'))).toEqual({
      status: 401,
      headers: {
        'WWW-Authenticate': 'Bearer realm="api", error="invalid_token", error_description="The access token expired"',
      },
      body: { error: 'invalid_token', error_description: 'The access token expired' },
    });
  });

  it('answers a malformed request with 400 invalid_request', () => {
    const challenge = bearerChallenge(new InvalidRequestError('bad header'));

    expect(challenge.status).toBe(400);
    expect(challenge.headers['WWW-Authenticate']).toBe('Bearer realm="api", error="invalid_request", error_description="bad header"');
    expect(challenge.body.error).toBe('invalid_request');
  });

  it('answers missing scopes with 403 insufficient_scope listing the required scopes', () => {
    const challenge = bearerChallenge(new InsufficientScopeError(['orders:read', 'orders:write'], ['orders:write']));

    expect(challenge.status).toBe(403);
    expect(challenge.headers['WWW-Authenticate']).toBe(
      'Bearer realm="api", error="insufficient_scope", ' +
        'error_description="The access token is missing the required scope(s): orders:write", scope="orders:read orders:write"',
    );
    expect(challenge.body).toEqual({
      error: 'insufficient_scope',
      error_description: 'The access token is missing the required scope(s): orders:write',
    });
  });

  it('answers an unavailable verifier with 503 and no challenge', () => {
    const challenge = bearerChallenge(new VerifierUnavailableError('JWKS answered 500'));

    expect(challenge.status).toBe(503);
    expect(challenge.headers).toEqual({});
    expect(challenge.body.error_description).not.toContain('JWKS');
  });

  it('keeps header values within the RFC 6750 character set', () => {
    const challenge = bearerChallenge(new InvalidTokenError('bad "quote" \\ and\r\nnewline'), { realm: 'a"b' });

    expect(challenge.headers['WWW-Authenticate']).toBe(
      'Bearer realm="ab", error="invalid_token", error_description="bad quote  andnewline"',
    );
  });
});
