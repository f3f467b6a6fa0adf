import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorizeUrl, CALLBACK, callbackParams, pkce, registerWebClient, RegisteredClient } from '../support/sign-in';

/**
 * OIDC Core §6 request objects are not supported, and discovery says so (pushed requests, RFC 9126, are
 * tested in test/par); a request that sends one gets the
 * error OIDC Core §3.1.2.6 defines for it, sent back to the client once client and redirect URI are
 * verified, like every other error at the authorization endpoint.
 */
describe('authorization endpoint: request and request_uri', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  const withPkce = (params: Record<string, string>) => ({ code_challenge: pkce().challenge, code_challenge_method: 'S256', ...params });

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin);
  });

  it.each([
    ['request_uri', 'https://app.example.com/requests/1.jwt', 'request_uri_not_supported'],
    ['request', 'eyJhbGciOiJub25lIn0.eyJzY29wZSI6Im9wZW5pZCJ9.', 'request_not_supported'],
  ])('OIDC Core §3.1.2.6: %s=%s is redirected to the client as %s', async (name, value, error) => {
    const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(client.client_id, withPkce({ [name]: value })));
    expect(response.location!.startsWith(`${CALLBACK}?`)).toBe(true);
    const callback = callbackParams(response);
    expect({ error: callback.get('error'), state: callback.get('state'), iss: callback.get('iss') }).toEqual({ error, state: 'st-123', iss: ctx.server.config.issuer });
  });

  it('RFC 9126 §4: a request_uri of our own form that was never pushed shows the error page and redirects nowhere', async () => {
    const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(client.client_id, withPkce({ request_uri: 'urn:ietf:params:oauth:request_uri:abc' })));
    expect({ status: response.status, location: response.location }).toEqual({ status: 400, location: undefined });
  });

  it('with a client that cannot be verified, the same request shows an error page and redirects nowhere', async () => {
    const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl('no-such-client', withPkce({ request_uri: 'https://evil.example/r.jwt' })));
    expect({ status: response.status, location: response.location }).toEqual({ status: 400, location: undefined });
  });

  it('OIDC Discovery §3: metadata says neither is supported', async () => {
    const metadata = await request(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
    expect(metadata.body).toMatchObject({ request_parameter_supported: false, request_uri_parameter_supported: false });
  });
});
