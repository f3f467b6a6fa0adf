import { INVALID_GRANT_DESCRIPTION, InvalidTarget, type FormParams } from '@app/core';
import { aClient, anAuthorizationCode, CODE_VERIFIER, PERSON_ID } from '../../../../test/support/fixtures';
import { FakeDataSource, FixedClock, InMemoryAuthorizationCodes, InMemoryGroups, InMemoryRefreshTokens, RecordingTokenIssuer } from '../../../../test/support/fakes';
import { AuthorizationCodeGrant } from './authorization-code.grant';

const API = 'https://orders.example.com';

function build(groups = new InMemoryGroups()) {
  const clock = new FixedClock();
  const codes = new InMemoryAuthorizationCodes();
  const refreshTokens = new InMemoryRefreshTokens(clock);
  const issuer = new RecordingTokenIssuer();
  const dataSource = new FakeDataSource([codes, refreshTokens]);
  const sut = new AuthorizationCodeGrant(codes.asRepository(), refreshTokens.asService(), issuer.asIssuer(), dataSource.asDataSource(), clock, groups.policy());
  return { sut, clock, codes, refreshTokens, issuer, groups };
}

/** The token request of RFC 6749 §4.1.3 for `code`; an `undefined` in `changes` leaves the parameter out. */
function redemption(code: string, changes: Record<string, string | undefined> = {}): FormParams {
  const params: Record<string, string | undefined> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'https://app.example.com/callback',
    code_verifier: CODE_VERIFIER,
    ...changes,
  };
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Every invalid_grant answer reads the same; only the log learns why. */
const invalidGrant = (reason: string | RegExp) => ({
  code: 'invalid_grant',
  description: INVALID_GRANT_DESCRIPTION,
  detail: typeof reason === 'string' ? expect.stringContaining(reason) : expect.stringMatching(reason),
});

describe(AuthorizationCodeGrant.name, () => {
  it('answers authorization_code', () => {
    expect(build().sut.grantType).toBe('authorization_code');
  });

  describe('RFC 9449 §10: dpop_jkt binding', () => {
    it('redeems a bound code with a proof of its key and binds the access token to it', async () => {
      const { sut, codes, issuer } = build();
      await sut.handle(redemption(codes.add(anAuthorizationCode({ dpopJkt: 'key-a' }))), aClient(), { dpopJkt: 'key-a' });
      expect(issuer.grants[0].dpopJkt).toBe('key-a');
    });

    it('§10.1: refuses a proof of another key, or none, as invalid_grant', async () => {
      const { sut, codes, issuer } = build();
      await expect(sut.handle(redemption(codes.add(anAuthorizationCode({ dpopJkt: 'key-a' }))), aClient(), { dpopJkt: 'key-b' })).rejects.toMatchObject(invalidGrant('bound to another DPoP key'));
      await expect(sut.handle(redemption(codes.add(anAuthorizationCode({ dpopJkt: 'key-a' }))), aClient())).rejects.toMatchObject(invalidGrant('bound to another DPoP key'));
      expect(issuer.grants).toHaveLength(0);
    });
  });

  it('RFC 6749 §4.1.3: the code parameter is required (invalid_request)', async () => {
    const { sut } = build();
    await expect(sut.handle({ grant_type: 'authorization_code' }, aClient())).rejects.toMatchObject({ code: 'invalid_request' });
  });

  describe('a valid redemption', () => {
    it('issues tokens for the code\'s person, scopes and grant, with a refresh token of that grant', async () => {
      const { sut, issuer, refreshTokens, codes } = build();
      const code = codes.add(anAuthorizationCode());

      const response = await sut.handle(redemption(code), aClient());

      const { client, refreshToken, ...grant } = issuer.grants[0];
      expect(grant).toEqual({
        userId: PERSON_ID,
        scopes: ['openid', 'orders:read'],
        grantId: 'grant-1',
        authTime: anAuthorizationCode().authTime,
        sessionId: 'session-1',
        acr: 'pwd',
        amr: ['pwd'],
        nonce: 'n-0S6_WzA2Mj',
        resource: undefined,
      });
      expect(client.clientId).toBe('web-app');
      expect(response).toMatchObject({ access_token: 'access-token-of-grant-1', refresh_token: refreshToken });
      expect(refreshTokens.recordOf(refreshToken!)).toMatchObject({ familyId: 'grant-1', clientId: 'web-app', userId: PERSON_ID, scopes: ['openid', 'orders:read'] });
      expect(codes.isConsumed(code)).toBe(true);
    });

    it('OIDC Core §2: carries how the person authenticated into the tokens and the refresh token', async () => {
      const { sut, issuer, refreshTokens, codes } = build();
      const code = codes.add(anAuthorizationCode({ acr: 'phr', amr: ['hwk', 'user', 'mfa'] }));

      const response = await sut.handle(redemption(code), aClient());

      expect(issuer.grants[0]).toMatchObject({ acr: 'phr', amr: ['hwk', 'user', 'mfa'] });
      expect(refreshTokens.recordOf(response.refresh_token!)).toMatchObject({ acr: 'phr', amr: ['hwk', 'user', 'mfa'] });
    });

    it('passes no level on for a code issued before levels were recorded', async () => {
      const { sut, issuer, codes } = build();
      await sut.handle(redemption(codes.add(anAuthorizationCode({ acr: null, amr: null }))), aClient());
      expect(issuer.grants[0]).toMatchObject({ acr: null, amr: null });
    });

    it('issues no refresh token to a client without the refresh_token grant that did not ask for offline_access', async () => {
      const { sut, codes, refreshTokens } = build();
      const response = await sut.handle(redemption(codes.add(anAuthorizationCode())), aClient({ grantTypes: ['authorization_code'] }));
      expect(response.refresh_token).toBeUndefined();
      expect(refreshTokens.family('grant-1')).toEqual([]);
    });

    it('RFC 7636 §4.6: accepts the plain method when the code was issued with it', async () => {
      const { sut, codes } = build();
      const code = codes.add(anAuthorizationCode({ codeChallenge: CODE_VERIFIER, codeChallengeMethod: 'plain' }));
      await expect(sut.handle(redemption(code), aClient())).resolves.toMatchObject({ access_token: 'access-token-of-grant-1' });
    });
  });

  describe('RFC 6749 §5.2: invalid_grant', () => {
    it('for an unknown code', async () => {
      const { sut, issuer } = build();
      await expect(sut.handle(redemption('never-issued'), aClient())).rejects.toMatchObject(invalidGrant('unknown authorization code'));
      expect(issuer.grants).toEqual([]);
    });

    it('RFC 6749 §4.1.3: for a code issued to another client, which is burnt all the same', async () => {
      const { sut, codes, issuer } = build();
      const code = codes.add(anAuthorizationCode({ clientId: 'other-app' }));
      await expect(sut.handle(redemption(code), aClient())).rejects.toMatchObject(invalidGrant('of client other-app presented by client web-app'));
      expect(issuer.grants).toEqual([]);
      expect(codes.isConsumed(code)).toBe(true);
    });

    it('for an expired code', async () => {
      const { sut, codes, clock } = build();
      const code = codes.add(anAuthorizationCode());
      clock.advance(60);
      await expect(sut.handle(redemption(code), aClient())).rejects.toMatchObject(invalidGrant('expired'));
    });

    it('RFC 6749 §4.1.3: for a redirect_uri other than the authorization request\'s', async () => {
      const { sut, codes } = build();
      const code = codes.add(anAuthorizationCode());
      await expect(sut.handle(redemption(code, { redirect_uri: 'https://app.example.com/other' }), aClient())).rejects.toMatchObject(invalidGrant('redirect_uri'));
    });

    it.each([
      ['a missing verifier', { code_verifier: undefined }],
      ['a wrong verifier', { code_verifier: 'x'.repeat(43) }],
      ['the S256 challenge presented as a plain verifier', { code_verifier: anAuthorizationCode().codeChallenge! }],
      ['a verifier shorter than 43 characters (§4.1)', { code_verifier: CODE_VERIFIER.slice(0, 42) }],
    ])('RFC 7636 §4.6: for %s', async (_case, changes) => {
      const { sut, codes, issuer } = build();
      const code = codes.add(anAuthorizationCode());
      await expect(sut.handle(redemption(code, changes), aClient())).rejects.toMatchObject(invalidGrant('code_verifier'));
      expect(issuer.grants).toEqual([]);
    });

    it('RFC 9700 §2.1.1: for a verifier sent with a code issued without a challenge (a downgrade)', async () => {
      const { sut, codes } = build();
      const code = codes.add(anAuthorizationCode({ codeChallenge: null, codeChallengeMethod: null }));
      await expect(sut.handle(redemption(code), aClient())).rejects.toMatchObject(invalidGrant('code_verifier'));
    });

    it('for the code of a person taken out of the client\'s allowed groups since, which it spends, issuing nothing', async () => {
      const { sut, codes, issuer, refreshTokens } = build(new InMemoryGroups().putIn(PERSON_ID, 'contractors'));
      const code = codes.add(anAuthorizationCode());
      const client = aClient({ allowedGroups: ['engineering'] });
      await expect(sut.handle(redemption(code), client)).rejects.toMatchObject(invalidGrant(`person ${PERSON_ID} of grant grant-1 is no longer in a group allowed`));
      expect(issuer.grants).toEqual([]);
      expect(refreshTokens.family('grant-1')).toEqual([]);
      await expect(sut.handle(redemption(code), client)).rejects.toMatchObject({ code: 'invalid_grant' });
    });

    it('for the code of a person still in one of the client\'s allowed groups, issues', async () => {
      const { sut, codes, issuer } = build(new InMemoryGroups().putIn(PERSON_ID, 'engineering'));
      await expect(sut.handle(redemption(codes.add(anAuthorizationCode())), aClient({ allowedGroups: ['finance', 'engineering'] }))).resolves.toMatchObject({ token_type: 'Bearer' });
      expect(issuer.grants).toHaveLength(1);
    });

    it('for the code of a person who may no longer sign in, issuing nothing', async () => {
      const { sut, codes, issuer, refreshTokens } = build();
      const code = codes.add(anAuthorizationCode({ personEnabled: false }));
      await expect(sut.handle(redemption(code), aClient())).rejects.toMatchObject(invalidGrant(`person ${PERSON_ID}`));
      expect(issuer.grants).toEqual([]);
      expect(refreshTokens.family('grant-1')).toEqual([]);
    });
  });

  describe('RFC 6749 §4.1.2: a code used twice', () => {
    it('by its own client is invalid_grant and revokes every token issued from it', async () => {
      const { sut, codes, refreshTokens } = build();
      const code = codes.add(anAuthorizationCode());
      await sut.handle(redemption(code), aClient());

      await expect(sut.handle(redemption(code), aClient())).rejects.toMatchObject(invalidGrant('replayed; the grant is revoked'));
      expect(refreshTokens.isFamilyRevoked('grant-1')).toBe(true);
      expect(refreshTokens.family('grant-1').every((token) => token.revokedAt !== null)).toBe(true);
    });

    it('RFC 9700 §4.5: by another client is invalid_grant and leaves the legitimate grant alone', async () => {
      const { sut, codes, refreshTokens } = build();
      const code = codes.add(anAuthorizationCode());
      await sut.handle(redemption(code), aClient());

      await expect(sut.handle(redemption(code), aClient({ clientId: 'other-app' }))).rejects.toMatchObject(invalidGrant('presented by client other-app'));
      expect(refreshTokens.isFamilyRevoked('grant-1')).toBe(false);
    });
  });

  describe('RFC 8707 §2.2: the resource of the authorization request', () => {
    it('is the target when the token request names none, and binds the refresh token to it', async () => {
      const { sut, codes, issuer, refreshTokens } = build();
      await sut.handle(redemption(codes.add(anAuthorizationCode({ resource: API }))), aClient());
      expect(issuer.grants[0].resource).toBe(API);
      expect(refreshTokens.recordOf(issuer.grants[0].refreshToken!)?.resource).toBe(API);
    });

    it('may not be swapped for another at the token endpoint (invalid_target)', async () => {
      const { sut, codes, issuer } = build();
      const code = codes.add(anAuthorizationCode({ resource: API }));
      await expect(sut.handle(redemption(code, { resource: 'https://billing.example.com' }), aClient())).rejects.toMatchObject({ code: 'invalid_target' });
      expect(issuer.grants).toEqual([]);
    });

    it('leaves the choice to the token request when the authorization request named none', async () => {
      const { sut, codes, issuer } = build();
      await sut.handle(redemption(codes.add(anAuthorizationCode()), { resource: API }), aClient());
      expect(issuer.grants[0].resource).toBe(API);
    });
  });

  it('rolls the consumption back when issuing is refused, so the client may retry with the same code', async () => {
    const { sut, codes, issuer, refreshTokens } = build();
    const code = codes.add(anAuthorizationCode({ resource: API }));
    issuer.failWith = new InvalidTarget(`The resource ${API} is not known`);
    await expect(sut.handle(redemption(code), aClient())).rejects.toMatchObject({ code: 'invalid_target' });
    expect(codes.isConsumed(code)).toBe(false);
    expect(refreshTokens.family('grant-1')).toEqual([]);

    issuer.failWith = undefined;
    await expect(sut.handle(redemption(code), aClient())).resolves.toMatchObject({ access_token: 'access-token-of-grant-1' });
  });
});
