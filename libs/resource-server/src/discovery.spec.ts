import {
  FakeAuthorizationServer,
  INTROSPECTION_PATH,
  JWKS_PATH,
  OIDC_DISCOVERY_PATH,
  RFC8414_DISCOVERY_PATH,
} from '../test/fake-authorization-server';
import { DiscoveryClient } from './discovery';
import { VerifierUnavailableError } from './errors';

describe(DiscoveryClient.name, () => {
  let server: FakeAuthorizationServer;

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
  });

  function client(issuer = server.issuer): DiscoveryClient {
    return new DiscoveryClient({ issuer, fetch: server.fetch, httpTimeoutMs: 1000, allowInsecureHttp: false });
  }

  it('reads jwks_uri and introspection_endpoint from the OpenID configuration, once', async () => {
    const discovery = client();

    const endpoints = await discovery.getEndpoints();
    await discovery.getEndpoints();

    expect(endpoints).toEqual({
      jwksUri: `${server.issuer}${JWKS_PATH}`,
      introspectionEndpoint: `${server.issuer}${INTROSPECTION_PATH}`,
    });
    expect(server.calls.map((call) => call.path)).toEqual([OIDC_DISCOVERY_PATH]);
  });

  it('falls back to RFC 8414 metadata', async () => {
    server.failures.set(OIDC_DISCOVERY_PATH, 404);

    await expect(client().getEndpoints()).resolves.toMatchObject({ jwksUri: `${server.issuer}${JWKS_PATH}` });
    expect(server.calls.map((call) => call.path)).toEqual([OIDC_DISCOVERY_PATH, RFC8414_DISCOVERY_PATH]);
  });

  it('appends the well-known path to an issuer with a path', async () => {
    const tenant = await FakeAuthorizationServer.create('https://auth.example.test/tenants/acme');

    await new DiscoveryClient({ issuer: tenant.issuer, fetch: tenant.fetch, httpTimeoutMs: 1000, allowInsecureHttp: false })
      .getEndpoints();

    expect(tenant.calls.map((call) => call.path)).toEqual([OIDC_DISCOVERY_PATH]);
  });

  it('refuses metadata whose issuer differs, even by a trailing slash', async () => {
    server.metadataOverrides = { issuer: `${server.issuer}/` };

    await expect(client().getEndpoints()).rejects.toBeInstanceOf(VerifierUnavailableError);
  });

  it('refuses non-https endpoints in the metadata', async () => {
    server.metadataOverrides = { jwks_uri: 'http://auth.example.test/jwks' };

    await expect(client().getEndpoints()).rejects.toBeInstanceOf(VerifierUnavailableError);
  });

  it('does not cache failures', async () => {
    server.failures.set(OIDC_DISCOVERY_PATH, 500);
    server.failures.set(RFC8414_DISCOVERY_PATH, 500);
    const discovery = client();

    await expect(discovery.getEndpoints()).rejects.toBeInstanceOf(VerifierUnavailableError);
    server.failures.clear();
    await expect(discovery.getEndpoints()).resolves.toBeDefined();
  });
});
