import { aClient, aConfig, anApi, aServiceClient, FIXTURE_ISSUER } from '../../../../test/support/fixtures';
import { InMemoryApis } from '../../../../test/support/fakes';
import { thrownBy } from '../../../../test/support/thrown';
import { ScopePolicy } from './scope-policy';

describe(ScopePolicy.name, () => {
  const orders = anApi({ accessTokenTtl: 300, accessTokenFormat: 'opaque' });
  const sut = new ScopePolicy(aConfig(), new InMemoryApis(orders).asService());

  describe('grantable (RFC 6749 §3.3)', () => {
    const client = aServiceClient({ scopes: ['orders:read', 'orders:write'] });

    it('grants the registered scopes when none is requested', () => {
      expect(sut.grantable(undefined, client)).toEqual(['orders:read', 'orders:write']);
    });

    it('grants exactly the requested scopes when the client has them', () => {
      expect(sut.grantable('orders:read', client)).toEqual(['orders:read']);
    });

    it('refuses a scope the client is not registered for as invalid_scope', () => {
      expect(thrownBy(() => sut.grantable('orders:read orders:cancel', client))).toMatchObject({
        code: 'invalid_scope',
        description: 'The scope orders:cancel is not allowed for this client',
      });
    });

    it.each([['orders:read  orders:write'], ['"orders:read"'], ['']])('refuses the malformed scope parameter %p as invalid_scope', (scope) => {
      expect(thrownBy(() => sut.grantable(scope, client))).toMatchObject({ code: 'invalid_scope', description: 'The scope parameter is malformed' });
    });
  });

  describe('resolveTarget (RFC 8707)', () => {
    const client = aClient({ scopes: ['openid', 'profile', 'orders:read'] });

    it('targets the default audience when no resource is named, with the scopes as given', async () => {
      await expect(sut.resolveTarget(undefined, client, ['openid', 'billing:read'], true)).resolves.toEqual({
        audience: FIXTURE_ISSUER,
        scopes: ['openid', 'billing:read'],
        accessTokenTtl: null,
        format: 'jwt',
        api: null,
      });
    });

    it('treats the default audience named as resource like no resource', async () => {
      await expect(sut.resolveTarget(FIXTURE_ISSUER, client, ['openid'], true)).resolves.toMatchObject({ audience: FIXTURE_ISSUER, api: null });
    });

    it('targets a registered API with its lifetime and token format', async () => {
      await expect(sut.resolveTarget(orders.identifier, client, ['orders:read'], true)).resolves.toEqual({
        audience: orders.identifier,
        scopes: ['orders:read'],
        accessTokenTtl: 300,
        format: 'opaque',
        api: orders,
      });
    });

    it('narrows default scopes to those of the API and the protocol', async () => {
      const target = await sut.resolveTarget(orders.identifier, client, ['openid', 'profile', 'billing:read', 'orders:read'], false);
      expect(target.scopes).toEqual(['openid', 'profile', 'orders:read']);
    });

    it('keeps groups and roles, the person\'s claims an API decides by, also when they were requested', async () => {
      const target = await sut.resolveTarget(orders.identifier, client, ['openid', 'groups', 'roles', 'orders:read'], true);
      expect(target.scopes).toEqual(['openid', 'groups', 'roles', 'orders:read']);
    });

    it('refuses a requested scope the API does not define as invalid_scope', async () => {
      await expect(sut.resolveTarget(orders.identifier, client, ['orders:read', 'billing:read'], true)).rejects.toMatchObject({
        code: 'invalid_scope',
        description: `The scope billing:read is not defined by ${orders.identifier}`,
      });
    });

    it.each([
      ['a relative URI', '/orders', 'The resource must be an absolute URI'],
      ['a URI with a fragment (§2)', 'https://orders.example.com#v1', 'The resource must not contain a fragment'],
      ['an unknown API', 'https://unknown.example.com', 'The resource https://unknown.example.com is not known'],
    ])('refuses %s as invalid_target', async (_case, resource, description) => {
      await expect(sut.resolveTarget(resource, client, ['orders:read'], true)).rejects.toMatchObject({ code: 'invalid_target', description });
    });

    it('refuses an API of which the client holds no scope as invalid_target', async () => {
      const outsider = aClient({ scopes: ['openid', 'billing:read'] });
      await expect(sut.resolveTarget(orders.identifier, outsider, ['openid'], false)).rejects.toMatchObject({
        code: 'invalid_target',
        description: `This client may not request tokens for ${orders.identifier}`,
      });
    });
  });
});
