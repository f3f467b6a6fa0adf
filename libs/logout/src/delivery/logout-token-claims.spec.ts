import { BACKCHANNEL_LOGOUT_EVENT, logoutTokenClaims, LOGOUT_TOKEN_TTL_SECONDS } from './logout-token-claims';

describe(logoutTokenClaims.name, () => {
  const input = {
    issuer: 'https://id.example.com',
    clientId: 'web-app',
    subject: '0b5c6a8e-3f0c-4c1e-9d55-2f8f3b1e2a10',
    sessionId: '6f1f1d52-51b4-4d9a-a7f6-5a3f0e4b9c21',
    jti: 'a4d1f9e0-0000-4000-8000-000000000001',
    now: 1_764_000_000,
  };

  it('carries iss, aud, sub, sid, jti and the back-channel logout event (§2.4)', () => {
    expect(logoutTokenClaims(input)).toEqual({
      iss: 'https://id.example.com',
      aud: 'web-app',
      iat: 1_764_000_000,
      exp: 1_764_000_000 + LOGOUT_TOKEN_TTL_SECONDS,
      jti: input.jti,
      sub: input.subject,
      sid: input.sessionId,
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    });
  });

  it('never carries a nonce, and expires two minutes after it was issued (§2.4)', () => {
    const claims = logoutTokenClaims(input);
    expect(claims).not.toHaveProperty('nonce');
    expect(Number(claims.exp) - Number(claims.iat)).toBe(120);
  });

  it('keeps the jti of the delivery when signed again later', () => {
    const later = logoutTokenClaims({ ...input, now: input.now + 3600 });
    expect(later.jti).toBe(logoutTokenClaims(input).jti);
    expect(later.iat).toBe(input.now + 3600);
  });
});
