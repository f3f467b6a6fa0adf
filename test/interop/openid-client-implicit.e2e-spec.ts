import { useTestServer } from '../support/server-fixture';
import { createPerson } from '../support/sign-in';
import { runInteropFlow } from './run-interop';

/**
 * openid-client 6 (a certified relying party) doing implicit sign-in, `implicitAuthentication`, with the ID
 * Token in the fragment and then posted as a form. ES module only, so it runs in a child `node` process.
 */
describe('interop: openid-client implicit sign-in', () => {
  const ctx = useTestServer();

  it('verifies the ID Token (signature, nonce, state, iss) in the fragment and by form_post', async () => {
    const client = await ctx.admin.registerClient({
      client_name: 'Implicit RP', redirect_uris: ['https://rp.example.com/signed-in'], grant_types: ['implicit'],
      response_types: ['id_token'], token_endpoint_auth_method: 'none', scope: 'openid email', first_party: true,
    });
    const person = await createPerson(ctx.admin);
    const result = await runInteropFlow<Record<string, any>>('openid-client-implicit.mjs', {
      ISSUER: ctx.server.config.issuer,
      CLIENT_ID: client.client_id,
      REDIRECT_URI: 'https://rp.example.com/signed-in',
      USERNAME: person.username,
      PASSWORD: person.password,
    });
    const expected = { iss: ctx.server.config.issuer, sub: person.id, aud: client.client_id, email: `${person.username}@example.com` };
    expect(result.fragment.viaFormPost).toBe(false);
    expect(result.fragment.claims).toMatchObject(expected);
    expect(result.fragment.claims.at_hash).toBeUndefined();
    expect(result.formPost.viaFormPost).toBe(true);
    expect(result.formPost.claims).toMatchObject(expected);
  });
});
