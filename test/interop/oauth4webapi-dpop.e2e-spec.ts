import { useTestServer } from '../support/server-fixture';
import { createPerson } from '../support/sign-in';
import { runInteropFlow } from './run-interop';

/**
 * Interoperability of DPoP (RFC 9449) with oauth4webapi, a certified client library, with server nonces on
 * so the library's use_dpop_nonce retry is exercised too. ES module only: it runs in a child process.
 */
describe('interop: oauth4webapi with DPoP', () => {
  const ctx = useTestServer({ DPOP_NONCE: 'true' });

  it('code + PKCE bound with dpop_jkt, userinfo, a bound refresh, client_credentials', async () => {
    const publicClient = await ctx.admin.registerClient({
      client_name: 'oauth4webapi SPA',
      redirect_uris: ['https://spa.example.com/cb'],
      grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none',
      scope: 'openid profile offline_access',
      first_party: true,
      dpop_bound_access_tokens: true,
    });
    const service = await ctx.admin.registerClient({ client_name: 'oauth4webapi service', grant_types: ['client_credentials'], scope: 'orders:read' });
    const person = await createPerson(ctx.admin);
    const result = await runInteropFlow<Record<string, any>>('oauth4webapi-dpop-flow.mjs', {
      ISSUER: ctx.server.config.issuer,
      PUBLIC_CLIENT_ID: publicClient.client_id,
      SERVICE_ID: service.client_id,
      SERVICE_SECRET: service.client_secret!,
      REDIRECT_URI: 'https://spa.example.com/cb',
      USERNAME: person.username,
      PASSWORD: person.password,
    });
    expect(result.dpopAlgs).toContain('ES256');
    expect(result.tokenType).toBe('dpop');
    expect(result.sub).toBe(person.id);
    expect(result.userinfo).toMatchObject({ sub: person.id, preferred_username: person.username });
    expect(result.refreshed).toEqual({ tokenType: 'dpop', rotated: true });
    expect(result.service).toEqual({ tokenType: 'dpop' });
  });
});
