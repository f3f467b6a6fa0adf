import { useTestServer } from '../support/server-fixture';
import { runInteropFlow } from './run-interop';

/**
 * Interoperability with openid-client 6 (a certified OpenID Connect relying party). It ships only as an ES
 * module, which Jest's CommonJS runtime cannot load, so the flow runs in a child `node` process and this
 * test checks the JSON it prints.
 */
describe('interop: openid-client', () => {
  const ctx = useTestServer();

  it('discovery, authorization code + PKCE, userinfo, refresh and the logout URL', async () => {
    const client = await ctx.admin.registerClient({
      client_name: 'openid-client RP',
      redirect_uris: ['https://rp.example.com/cb'],
      post_logout_redirect_uris: ['https://rp.example.com/bye'],
      grant_types: ['authorization_code', 'refresh_token'],
      scope: 'openid profile email offline_access',
      first_party: true,
    });
    const person = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/users', {
      username: 'interop-person', password: 'interop password', email: 'interop@example.com', email_verified: true, name: 'Interop Person',
    });
    const result = await runInteropFlow<Record<string, any>>('openid-client-flow.mjs', {
      ISSUER: ctx.server.config.issuer,
      CLIENT_ID: client.client_id,
      CLIENT_SECRET: client.client_secret!,
      REDIRECT_URI: 'https://rp.example.com/cb',
      POST_LOGOUT_URI: 'https://rp.example.com/bye',
      USERNAME: 'interop-person',
      PASSWORD: 'interop password',
    });
    expect(result.issuer).toBe(ctx.server.config.issuer);
    expect(result.callbackHasIss).toBe(true);
    expect(result.scope).toBe('openid profile email offline_access');
    expect(result.hasRefreshToken).toBe(true);
    expect(result.claims).toMatchObject({ iss: ctx.server.config.issuer, sub: person.body.id, aud: client.client_id });
    expect(result.userinfo).toMatchObject({ sub: person.body.id, email: 'interop@example.com', email_verified: true, name: 'Interop Person', preferred_username: 'interop-person' });
    expect(result.refreshed).toEqual({ hasAccessToken: true, rotated: true, sub: person.body.id });
    expect(result.endSessionUrl.startsWith(`${ctx.server.config.issuer}/oauth2/logout?`)).toBe(true);
    expect(result.logout).toEqual({ status: 303, location: 'https://rp.example.com/bye?state=bye' });
  });
});
