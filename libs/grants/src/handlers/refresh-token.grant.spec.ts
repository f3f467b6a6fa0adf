import { INVALID_GRANT_DESCRIPTION, InvalidTarget, type FormParams } from '@app/core';
import { aClient, aPerson, aRefreshTokenRecord, PERSON_ID } from '../../../../test/support/fixtures';
import { FakeDataSource, FixedClock, InMemoryGroups, InMemoryRefreshTokens, InMemoryUsers, RecordingTokenIssuer } from '../../../../test/support/fakes';
import { RefreshTokenGrant } from './refresh-token.grant';

const API = 'https://orders.example.com';

function build(users = new InMemoryUsers(aPerson()), groups = new InMemoryGroups()) {
  const clock = new FixedClock();
  const refreshTokens = new InMemoryRefreshTokens(clock);
  const issuer = new RecordingTokenIssuer();
  const dataSource = new FakeDataSource([refreshTokens]);
  const sut = new RefreshTokenGrant(refreshTokens.asService(), issuer.asIssuer(), users.asService(), dataSource.asDataSource(), groups.policy());
  return { sut, clock, refreshTokens, issuer, groups };
}

const refresh = (token: string, extra: Record<string, string> = {}): FormParams => ({ grant_type: 'refresh_token', refresh_token: token, ...extra });

/** Every invalid_grant answer reads the same; only the log learns why. */
const invalidGrant = (reason: string) => ({ code: 'invalid_grant', description: INVALID_GRANT_DESCRIPTION, detail: expect.stringContaining(reason) });

describe(RefreshTokenGrant.name, () => {
  it('answers refresh_token', () => {
    expect(build().sut.grantType).toBe('refresh_token');
  });

  it('RFC 6749 §6: the refresh_token parameter is required (invalid_request)', async () => {
    await expect(build().sut.handle({ grant_type: 'refresh_token' }, aClient())).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('refuses a malformed scope as invalid_scope without using the token', async () => {
    const { sut, refreshTokens } = build();
    const token = refreshTokens.add(aRefreshTokenRecord());
    await expect(sut.handle(refresh(token, { scope: 'openid  orders:read' }), aClient())).rejects.toMatchObject({ code: 'invalid_scope' });
    expect(refreshTokens.recordOf(token)?.consumedAt).toBeNull();
  });

  describe('RFC 9449 §5: DPoP binding', () => {
    const publicClient = () => aClient({ tokenEndpointAuthMethod: 'none' });

    it("refuses a public client's bound token with another key, without using it up", async () => {
      const { sut, refreshTokens } = build();
      const token = refreshTokens.add(aRefreshTokenRecord({ dpopJkt: 'key-a' }));
      await expect(sut.handle(refresh(token), publicClient(), { dpopJkt: 'key-b' })).rejects.toMatchObject(invalidGrant('bound to another DPoP key'));
      await expect(sut.handle(refresh(token), publicClient())).rejects.toMatchObject(invalidGrant('bound to another DPoP key'));
      expect(refreshTokens.recordOf(token)?.consumedAt).toBeNull();
    });

    it('keeps the binding on rotation, and binds an unbound public family to its first proof', async () => {
      const { sut, refreshTokens, issuer } = build();
      const bound = await sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord({ dpopJkt: 'key-a' }))), publicClient(), { dpopJkt: 'key-a' });
      expect(refreshTokens.recordOf(bound.refresh_token!)?.dpopJkt).toBe('key-a');
      expect(issuer.grants[0].dpopJkt).toBe('key-a');
      const first = await sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord())), publicClient(), { dpopJkt: 'key-c' });
      expect(refreshTokens.recordOf(first.refresh_token!)?.dpopJkt).toBe('key-c');
    });

    it("leaves a confidential client's token unbound; the access token follows the proof of the refresh", async () => {
      const { sut, refreshTokens, issuer } = build();
      const response = await sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord())), aClient(), { dpopJkt: 'key-d' });
      expect(refreshTokens.recordOf(response.refresh_token!)?.dpopJkt).toBeNull();
      expect(issuer.grants[0].dpopJkt).toBe('key-d');
    });
  });

  describe('RFC 9700 §4.14.2: rotation', () => {
    it('uses the token up and answers with a new one of the same family, for the same person and grant', async () => {
      const { sut, refreshTokens, issuer } = build();
      const token = refreshTokens.add(aRefreshTokenRecord());

      const response = await sut.handle(refresh(token), aClient());

      expect(refreshTokens.recordOf(token)?.consumedAt).not.toBeNull();
      expect(response.refresh_token).not.toBe(token);
      expect(refreshTokens.recordOf(response.refresh_token!)).toMatchObject({ familyId: 'family-1', userId: PERSON_ID, scopes: ['openid', 'orders:read'], consumedAt: null });
      const { client: _client, ...grant } = issuer.grants[0];
      expect(grant).toEqual({
        userId: PERSON_ID,
        scopes: ['openid', 'orders:read'],
        grantId: 'family-1',
        authTime: aRefreshTokenRecord().authTime,
        sessionId: 'session-1',
        acr: 'pwd',
        amr: ['pwd'],
        resource: undefined,
        refreshToken: response.refresh_token,
      });
    });

    it('keeps the level of the original authentication: a refresh is no new authentication', async () => {
      const { sut, refreshTokens, issuer } = build();
      const token = refreshTokens.add(aRefreshTokenRecord({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] }));

      const response = await sut.handle(refresh(token), aClient());

      expect(issuer.grants[0]).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
      expect(refreshTokens.recordOf(response.refresh_token!)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
    });

    it('gives the new token the client\'s own refresh token lifetime', async () => {
      const { sut, refreshTokens, clock } = build();
      const response = await sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord())), aClient({ refreshTokenTtl: 3600 }));
      expect(refreshTokens.recordOf(response.refresh_token!)?.expiresAt).toEqual(new Date(clock.now().getTime() + 3600 * 1000));
    });
  });

  describe('RFC 6749 §6: scope', () => {
    it('may narrow for this access token, while the grant keeps its full scope', async () => {
      const { sut, refreshTokens, issuer } = build();
      const response = await sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord()), { scope: 'orders:read' }), aClient());
      expect(issuer.grants[0].scopes).toEqual(['orders:read']);
      expect(refreshTokens.recordOf(response.refresh_token!)?.scopes).toEqual(['openid', 'orders:read']);
    });

    it('may not widen (invalid_scope), and the refusal leaves the token usable: a retry is not a reuse', async () => {
      const { sut, refreshTokens } = build();
      const token = refreshTokens.add(aRefreshTokenRecord());
      await expect(sut.handle(refresh(token, { scope: 'orders:read orders:write' }), aClient())).rejects.toMatchObject({
        code: 'invalid_scope',
        description: 'The scope orders:write was not granted',
      });
      await expect(sut.handle(refresh(token), aClient())).resolves.toMatchObject({ token_type: 'Bearer' });
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(false);
    });
  });

  describe('RFC 6749 §5.2: invalid_grant', () => {
    it('RFC 9700 §4.14.2: for a token used before, revoking its whole family', async () => {
      const { sut, refreshTokens } = build();
      const token = refreshTokens.add(aRefreshTokenRecord());
      const { refresh_token: successor } = await sut.handle(refresh(token), aClient());

      await expect(sut.handle(refresh(token), aClient())).rejects.toMatchObject(invalidGrant('its family is revoked'));
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(true);
      await expect(sut.handle(refresh(successor!), aClient())).rejects.toMatchObject(invalidGrant('is unknown, expired, revoked'));
    });

    it('for another client\'s token, which stays usable by its own client', async () => {
      const { sut, refreshTokens } = build();
      const token = refreshTokens.add(aRefreshTokenRecord());
      await expect(sut.handle(refresh(token), aClient({ clientId: 'other-app' }))).rejects.toMatchObject(invalidGrant('presented by client other-app is unknown'));
      await expect(sut.handle(refresh(token), aClient())).resolves.toMatchObject({ token_type: 'Bearer' });
    });

    it.each([
      ['an unknown token', () => 'never-issued'],
      ['an expired token', (tokens: InMemoryRefreshTokens, clock: FixedClock) => tokens.add(aRefreshTokenRecord({ expiresAt: clock.now() }))],
      ['a revoked token', (tokens: InMemoryRefreshTokens, clock: FixedClock) => tokens.add(aRefreshTokenRecord({ revokedAt: clock.now() }))],
    ])('for %s', async (_case, tokenOf) => {
      const { sut, refreshTokens, clock, issuer } = build();
      await expect(sut.handle(refresh(tokenOf(refreshTokens, clock)), aClient())).rejects.toMatchObject(invalidGrant('is unknown, expired, revoked'));
      expect(issuer.grants).toEqual([]);
    });

    it.each([
      ['disabled', new InMemoryUsers(aPerson({ disabled: true }))],
      ['deleted', new InMemoryUsers()],
    ])('for the grant of a person %s since, which ends there', async (_case, users) => {
      const { sut, refreshTokens, issuer } = build(users);
      await expect(sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord())), aClient())).rejects.toMatchObject(invalidGrant(`person ${PERSON_ID}`));
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(true);
      expect(issuer.grants).toEqual([]);
    });
  });

  describe('OIDC Core §11: a grant follows its sign-in session unless it has offline_access', () => {
    it('refuses a grant whose session has ended (even before housekeeping noticed an expiry) and revokes its family', async () => {
      const { sut, refreshTokens, issuer } = build(new InMemoryUsers(aPerson()).endSession('session-1'));
      await expect(sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord())), aClient())).rejects.toMatchObject(invalidGrant('sign-in session of family family-1 has ended'));
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(true);
      expect(issuer.grants).toEqual([]);
    });

    it('refreshes an offline_access grant whose session has ended', async () => {
      const { sut, refreshTokens } = build(new InMemoryUsers(aPerson()).endSession('session-1'));
      const token = refreshTokens.add(aRefreshTokenRecord({ scopes: ['openid', 'offline_access'] }));
      await expect(sut.handle(refresh(token), aClient())).resolves.toMatchObject({ token_type: 'Bearer' });
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(false);
    });
  });

  describe('a person taken out of the client\'s allowed groups', () => {
    it('gets invalid_grant, and the family is revoked: the revocation commits although the request fails', async () => {
      const groups = new InMemoryGroups().putIn(PERSON_ID, 'contractors');
      const { sut, refreshTokens, issuer } = build(undefined, groups);
      const token = refreshTokens.add(aRefreshTokenRecord());
      await expect(sut.handle(refresh(token), aClient({ allowedGroups: ['engineering'] }))).rejects.toMatchObject(invalidGrant(`person ${PERSON_ID} is no longer in a group allowed`));
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(true);
      expect(issuer.grants).toEqual([]);
    });

    it('also when the request asks for a wider scope: the grant has ended whatever is asked', async () => {
      const { sut, refreshTokens } = build(undefined, new InMemoryGroups());
      const token = refreshTokens.add(aRefreshTokenRecord());
      await expect(sut.handle(refresh(token, { scope: 'openid orders:write' }), aClient({ allowedGroups: ['engineering'] }))).rejects.toMatchObject({ code: 'invalid_grant' });
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(true);
    });

    it('while still in one of them (the policy counts nested groups), refreshes as before', async () => {
      const { sut, refreshTokens } = build(undefined, new InMemoryGroups().putIn(PERSON_ID, 'team.payments', 'engineering'));
      await expect(sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord())), aClient({ allowedGroups: ['engineering'] }))).resolves.toMatchObject({ token_type: 'Bearer' });
      expect(refreshTokens.isFamilyRevoked('family-1')).toBe(false);
    });
  });

  describe('RFC 8707 §2.2: a grant bound to a resource', () => {
    it('refreshes for that resource when the request names none', async () => {
      const { sut, refreshTokens, issuer } = build();
      const response = await sut.handle(refresh(refreshTokens.add(aRefreshTokenRecord({ resource: API }))), aClient());
      expect(issuer.grants[0].resource).toBe(API);
      expect(refreshTokens.recordOf(response.refresh_token!)?.resource).toBe(API);
    });

    it('refuses another resource as invalid_target and leaves the token usable', async () => {
      const { sut, refreshTokens } = build();
      const token = refreshTokens.add(aRefreshTokenRecord({ resource: API }));
      await expect(sut.handle(refresh(token, { resource: 'https://billing.example.com' }), aClient())).rejects.toMatchObject({ code: 'invalid_target' });
      expect(refreshTokens.recordOf(token)?.consumedAt).toBeNull();
    });
  });

  it('rolls the rotation back when issuing is refused, so the same token works on retry', async () => {
    const { sut, refreshTokens, issuer } = build();
    const token = refreshTokens.add(aRefreshTokenRecord({ resource: API }));
    issuer.failWith = new InvalidTarget(`The resource ${API} is not known`);
    await expect(sut.handle(refresh(token), aClient())).rejects.toMatchObject({ code: 'invalid_target' });
    expect(refreshTokens.family('family-1')).toHaveLength(1);

    issuer.failWith = undefined;
    await expect(sut.handle(refresh(token), aClient())).resolves.toMatchObject({ token_type: 'Bearer' });
  });
});
