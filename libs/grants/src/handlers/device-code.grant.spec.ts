import { INVALID_GRANT_DESCRIPTION, type FormParams } from '@app/core';
import { aConfig, aDeviceAuthorization, aDeviceClient, anApi, aPerson, PERSON_ID } from '../../../../test/support/fixtures';
import {
  FakeDataSource,
  FixedClock,
  InMemoryApis,
  InMemoryDeviceAuthorizations,
  InMemoryGroups,
  InMemoryRefreshTokens,
  InMemoryUsers,
  RecordingTokenIssuer,
} from '../../../../test/support/fakes';
import { ScopePolicy } from '../scopes/scope-policy';
import { DEVICE_CODE_GRANT_TYPE, DeviceCodeGrant } from './device-code.grant';

const orders = anApi();
const payroll = anApi({ id: 'a1b2c3d4-0000-4000-8000-000000000002', identifier: 'https://payroll.example.com', name: 'Payroll', clientId: 'payroll-api', allowedGroups: ['finance'] });

function build(users = new InMemoryUsers(aPerson()), groups = new InMemoryGroups()) {
  const clock = new FixedClock();
  const authorizations = new InMemoryDeviceAuthorizations(clock);
  const refreshTokens = new InMemoryRefreshTokens(clock);
  const issuer = new RecordingTokenIssuer();
  const scopes = new ScopePolicy(aConfig(), new InMemoryApis(orders, payroll).asService());
  const dataSource = new FakeDataSource([authorizations, refreshTokens]);
  const sut = new DeviceCodeGrant(authorizations.asRepository(), users.asService(), refreshTokens.asService(), issuer.asIssuer(), scopes, dataSource.asDataSource(), groups.policy());
  return { sut, clock, authorizations, refreshTokens, issuer, groups };
}

const poll = (deviceCode: string, extra: Record<string, string> = {}): FormParams => ({ grant_type: DEVICE_CODE_GRANT_TYPE, device_code: deviceCode, ...extra });

/** Every invalid_grant answer reads the same; only the log learns why. */
const invalidGrant = (reason: string) => ({ code: 'invalid_grant', description: INVALID_GRANT_DESCRIPTION, detail: expect.stringContaining(reason) });

const pending = { status: 'pending', userId: null, sessionId: null, authTime: null, decidedAt: null } as const;

describe(DeviceCodeGrant.name, () => {
  it('RFC 8628 §3.4: answers urn:ietf:params:oauth:grant-type:device_code', () => {
    expect(build().sut.grantType).toBe('urn:ietf:params:oauth:grant-type:device_code');
  });

  it('RFC 8628 §3.4: the device_code parameter is required (invalid_request)', async () => {
    await expect(build().sut.handle({ grant_type: DEVICE_CODE_GRANT_TYPE }, aDeviceClient())).rejects.toMatchObject({ code: 'invalid_request' });
  });

  describe('RFC 8628 §3.5: while the person has not approved', () => {
    it('answers authorization_pending, then slow_down to a device polling faster than the interval', async () => {
      const { sut, authorizations, clock } = build();
      const deviceCode = authorizations.add(aDeviceAuthorization(pending));
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).rejects.toMatchObject({ code: 'authorization_pending' });
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).rejects.toMatchObject({ code: 'slow_down' });
      clock.advance(10);
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).rejects.toMatchObject({ code: 'authorization_pending' });
    });

    it('issues tokens at the first poll after the person approved', async () => {
      const { sut, authorizations, clock } = build();
      const authorization = aDeviceAuthorization(pending);
      const deviceCode = authorizations.add(authorization);
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).rejects.toMatchObject({ code: 'authorization_pending' });
      authorizations.decide(authorization.id, 'approved', PERSON_ID);
      clock.advance(5);
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).resolves.toMatchObject({ access_token: `access-token-of-${authorization.id}` });
    });

    it('answers access_denied once the person denied', async () => {
      const { sut, authorizations } = build();
      const deviceCode = authorizations.add(aDeviceAuthorization({ status: 'denied' }));
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).rejects.toMatchObject({ code: 'access_denied' });
    });

    it('answers expired_token once the device code has expired', async () => {
      const { sut, authorizations, clock } = build();
      const deviceCode = authorizations.add(aDeviceAuthorization(pending));
      clock.advance(600);
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).rejects.toMatchObject({ code: 'expired_token' });
    });
  });

  describe('once approved', () => {
    it('issues tokens for the person who approved, with a refresh token of the authorization\'s grant', async () => {
      const { sut, authorizations, issuer, refreshTokens } = build();
      const authorization = aDeviceAuthorization();
      const response = await sut.handle(poll(authorizations.add(authorization)), aDeviceClient());

      const { client, refreshToken, ...grant } = issuer.grants[0];
      expect(client.clientId).toBe('tv-app');
      expect(grant).toEqual({
        userId: PERSON_ID,
        scopes: ['openid', 'orders:read'],
        grantId: authorization.id,
        authTime: authorization.authTime,
        sessionId: authorization.sessionId,
        acr: 'pwd',
        amr: ['pwd'],
        resource: undefined,
      });
      expect(response.refresh_token).toBe(refreshToken);
      expect(refreshTokens.recordOf(refreshToken!)).toMatchObject({ familyId: authorization.id, clientId: 'tv-app', userId: PERSON_ID });
    });

    it('OIDC Core §2: carries the level of the approving session into the tokens and the refresh token', async () => {
      const { sut, authorizations, issuer, refreshTokens } = build();
      const response = await sut.handle(poll(authorizations.add(aDeviceAuthorization({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] }))), aDeviceClient());
      expect(issuer.grants[0]).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
      expect(refreshTokens.recordOf(response.refresh_token!)).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
    });

    it('issues no refresh token to a client without the refresh_token grant that did not ask for offline_access', async () => {
      const { sut, authorizations } = build();
      const response = await sut.handle(poll(authorizations.add(aDeviceAuthorization())), aDeviceClient({ grantTypes: [DEVICE_CODE_GRANT_TYPE] }));
      expect(response.refresh_token).toBeUndefined();
    });

    it('RFC 8707 §2.2: binds the refresh token to the resource of the first access token', async () => {
      const { sut, authorizations, issuer, refreshTokens } = build();
      await sut.handle(poll(authorizations.add(aDeviceAuthorization()), { resource: orders.identifier }), aDeviceClient());
      expect(issuer.grants[0].resource).toBe(orders.identifier);
      expect(refreshTokens.recordOf(issuer.grants[0].refreshToken!)?.resource).toBe(orders.identifier);
    });

    it('RFC 8707 §2: refuses an unknown resource as invalid_target without using the approval up', async () => {
      const { sut, authorizations } = build();
      const authorization = aDeviceAuthorization();
      const deviceCode = authorizations.add(authorization);
      await expect(sut.handle(poll(deviceCode, { resource: 'https://unknown.example.com' }), aDeviceClient())).rejects.toMatchObject({ code: 'invalid_target' });
      expect(authorizations.isConsumed(authorization.id)).toBe(false);
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).resolves.toMatchObject({ token_type: 'Bearer' });
    });
  });

  describe('a person taken out of the client\'s allowed groups since approving', () => {
    it('RFC 8628 §3.5: gets access_denied, at this poll and the next ones, and no token', async () => {
      const { sut, authorizations, issuer, refreshTokens } = build(undefined, new InMemoryGroups().putIn(PERSON_ID, 'contractors'));
      const authorization = aDeviceAuthorization();
      const deviceCode = authorizations.add(authorization);
      const client = aDeviceClient({ allowedGroups: ['engineering'] });
      await expect(sut.handle(poll(deviceCode), client)).rejects.toMatchObject({ code: 'access_denied' });
      await expect(sut.handle(poll(deviceCode), client)).rejects.toMatchObject({ code: 'access_denied' });
      expect(authorizations.isConsumed(authorization.id)).toBe(true);
      expect(issuer.grants).toEqual([]);
      expect(refreshTokens.family(authorization.id)).toEqual([]);
    });
  });

  describe('RFC 8707 §2: an API limited to some groups', () => {
    it('refuses a person outside them as invalid_target without using the approval up', async () => {
      const { sut, authorizations, issuer } = build(undefined, new InMemoryGroups().putIn(PERSON_ID, 'engineering'));
      const authorization = aDeviceAuthorization();
      const deviceCode = authorizations.add(authorization);
      await expect(sut.handle(poll(deviceCode, { resource: payroll.identifier }), aDeviceClient())).rejects.toMatchObject({ code: 'invalid_target' });
      expect(authorizations.isConsumed(authorization.id)).toBe(false);
      expect(issuer.grants).toEqual([]);
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).resolves.toMatchObject({ token_type: 'Bearer' });
    });

    it('issues for a person in one of them', async () => {
      const { sut, authorizations, issuer } = build(undefined, new InMemoryGroups().putIn(PERSON_ID, 'finance'));
      await sut.handle(poll(authorizations.add(aDeviceAuthorization()), { resource: payroll.identifier }), aDeviceClient());
      expect(issuer.grants[0].resource).toBe(payroll.identifier);
    });
  });

  describe('RFC 6749 §5.2: invalid_grant', () => {
    it('for an unknown device code', async () => {
      await expect(build().sut.handle(poll('never-issued'), aDeviceClient())).rejects.toMatchObject(invalidGrant('is unknown or another client\'s'));
    });

    it('for a device code of another client, which stays usable by its own', async () => {
      const { sut, authorizations } = build();
      const deviceCode = authorizations.add(aDeviceAuthorization());
      await expect(sut.handle(poll(deviceCode), aDeviceClient({ clientId: 'other-tv' }))).rejects.toMatchObject(invalidGrant('presented by client other-tv'));
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).resolves.toMatchObject({ token_type: 'Bearer' });
    });

    it('for a device code redeemed before', async () => {
      const { sut, authorizations } = build();
      const deviceCode = authorizations.add(aDeviceAuthorization());
      await sut.handle(poll(deviceCode), aDeviceClient());
      await expect(sut.handle(poll(deviceCode), aDeviceClient())).rejects.toMatchObject(invalidGrant('was already redeemed'));
    });

    it('for all but one of concurrent polls of an approved code', async () => {
      const { sut, authorizations, issuer } = build();
      const deviceCode = authorizations.add(aDeviceAuthorization());
      const outcomes = await Promise.allSettled([sut.handle(poll(deviceCode), aDeviceClient()), sut.handle(poll(deviceCode), aDeviceClient())]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: invalidGrant('concurrent poll') });
      expect(issuer.grants).toHaveLength(1);
    });

    it('for the approval of a person disabled since, whose grant ends there', async () => {
      const { sut, authorizations, refreshTokens, issuer } = build(new InMemoryUsers(aPerson({ disabled: true })));
      const authorization = aDeviceAuthorization();
      await expect(sut.handle(poll(authorizations.add(authorization)), aDeviceClient())).rejects.toMatchObject(invalidGrant(`person ${PERSON_ID}`));
      expect(refreshTokens.isFamilyRevoked(authorization.id)).toBe(true);
      expect(issuer.grants).toEqual([]);
    });
  });
});
