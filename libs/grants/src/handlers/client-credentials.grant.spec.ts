import { aConfig, anApi, aServiceClient, FIXTURE_ISSUER } from '../../../../test/support/fixtures';
import { InMemoryApis, InMemoryGroups, RecordingAccessTokens } from '../../../../test/support/fakes';
import { ScopePolicy } from '../scopes/scope-policy';
import { ClientCredentialsGrant } from './client-credentials.grant';

describe(ClientCredentialsGrant.name, () => {
  const orders = anApi({ accessTokenTtl: 120, accessTokenFormat: 'opaque' });
  const ledger = anApi({ id: 'a1b2c3d4-0000-4000-8000-000000000001', identifier: 'https://ledger.example.com', name: 'Ledger', clientId: 'ledger-api', allowedClients: ['reporting-service'] });
  const build = (config = aConfig({ ACCESS_TOKEN_TTL: '900' })) => {
    const accessTokens = new RecordingAccessTokens();
    const scopes = new ScopePolicy(config, new InMemoryApis(orders, ledger).asService());
    const sut = new ClientCredentialsGrant(accessTokens.asService(), scopes, config, new InMemoryGroups().policy());
    return { sut, accessTokens };
  };

  it('answers client_credentials', () => {
    expect(build().sut.grantType).toBe('client_credentials');
  });

  it('RFC 6749 §4.4.3: issues a token for the client itself with its registered scopes when none is asked', async () => {
    const { sut, accessTokens } = build();
    const client = aServiceClient();
    await expect(sut.handle({ grant_type: 'client_credentials' }, client)).resolves.toEqual({
      access_token: 'access-token-1',
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'orders:read orders:write',
    });
    expect(accessTokens.requests).toEqual([
      { clientId: client.clientId, subject: client.clientId, scopes: ['orders:read', 'orders:write'], audience: FIXTURE_ISSUER, ttlSeconds: 900, format: 'jwt' },
    ]);
  });

  it('RFC 6749 §3.3: narrows to the scopes asked', async () => {
    const { sut } = build();
    await expect(sut.handle({ scope: 'orders:read' }, aServiceClient())).resolves.toMatchObject({ scope: 'orders:read' });
  });

  it('RFC 6749 §5.2: refuses a scope the client is not registered for as invalid_scope, issuing nothing', async () => {
    const { sut, accessTokens } = build();
    await expect(sut.handle({ scope: 'orders:read admin' }, aServiceClient())).rejects.toMatchObject({ code: 'invalid_scope' });
    expect(accessTokens.requests).toEqual([]);
  });

  it('prefers the client\'s own token lifetime to the server default', async () => {
    const { sut } = build();
    await expect(sut.handle({}, aServiceClient({ accessTokenTtl: 60 }))).resolves.toMatchObject({ expires_in: 60 });
  });

  it('RFC 8707 §2: a resource sets the audience, and the API\'s lifetime and format win', async () => {
    const { sut, accessTokens } = build();
    await expect(sut.handle({ resource: orders.identifier }, aServiceClient({ accessTokenTtl: 60 }))).resolves.toMatchObject({ expires_in: 120 });
    expect(accessTokens.requests[0]).toMatchObject({ audience: orders.identifier, format: 'opaque', ttlSeconds: 120 });
  });

  it('RFC 8707 §2: refuses an unknown resource as invalid_target, issuing nothing', async () => {
    const { sut, accessTokens } = build();
    await expect(sut.handle({ resource: 'https://unknown.example.com' }, aServiceClient())).rejects.toMatchObject({ code: 'invalid_target' });
    expect(accessTokens.requests).toEqual([]);
  });

  describe('RFC 8707 §2: an API that lists its allowed_clients', () => {
    it('refuses any other client as invalid_target, issuing nothing', async () => {
      const { sut, accessTokens } = build();
      await expect(sut.handle({ resource: ledger.identifier }, aServiceClient())).rejects.toMatchObject({
        code: 'invalid_target',
        description: `This client may not request tokens for ${ledger.identifier}`,
      });
      expect(accessTokens.requests).toEqual([]);
    });

    it('issues to a listed client', async () => {
      const { sut, accessTokens } = build();
      await expect(sut.handle({ resource: ledger.identifier }, aServiceClient({ clientId: 'reporting-service' }))).resolves.toMatchObject({ scope: 'orders:read orders:write' });
      expect(accessTokens.requests[0]).toMatchObject({ audience: ledger.identifier, subject: 'reporting-service' });
    });
  });
});
