import { exportJWK, generateKeyPair } from 'jose';
import { DataSource } from 'typeorm';
import { useTestServer } from '../support/server-fixture';
import { runInteropFlow } from './run-interop';

/**
 * Interoperability with oauth4webapi (a certified OAuth 2.0 client library): private_key_jwt and
 * client_secret_jwt client authentication (RFC 7523) and JWT introspection answers (RFC 9701). It ships only
 * as an ES module, so the flow runs in a child `node` process and this test checks the JSON it prints.
 */
describe('interop: oauth4webapi', () => {
  // client_secret_jwt secrets are sealed at rest with this secret.
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'interop key encryption secret 0123456789' });

  async function flow(introspectionAlg?: string) {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'interop-key', alg: 'ES256' };
    const keyClient = await ctx.admin.registerClient({
      client_name: 'oauth4webapi private_key_jwt', grant_types: ['client_credentials'], scope: 'reports:read',
      token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] },
      ...(introspectionAlg ? { introspection_signed_response_alg: introspectionAlg } : {}),
    });
    const secretClient = await ctx.admin.registerClient({
      client_name: 'oauth4webapi client_secret_jwt', grant_types: ['client_credentials'], scope: 'reports:read',
      token_endpoint_auth_method: 'client_secret_jwt',
    });
    const result = await runInteropFlow<Record<string, any>>('oauth4webapi-flow.mjs', {
      ISSUER: ctx.server.config.issuer,
      KEY_CLIENT_ID: keyClient.client_id,
      KEY_CLIENT_JWK: JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid: 'interop-key' }),
      KEY_CLIENT_INTROSPECTION_ALG: introspectionAlg ?? '',
      SECRET_CLIENT_ID: secretClient.client_id,
      SECRET_CLIENT_SECRET: secretClient.client_secret!,
    });
    return { keyClient, secretClient, result };
  }

  it('client_credentials with private_key_jwt and client_secret_jwt; an RS256 JWT introspection answer by default (RFC 9701 §6)', async () => {
    const { keyClient, secretClient, result } = await flow();
    expect(result.introspectionAlgorithms).toEqual(expect.arrayContaining(['RS256', ctx.server.config.signingAlgorithm]));
    expect(result.keyToken).toEqual({ type: 'bearer', scope: 'reports:read' });
    expect(result.introspected).toEqual({
      contentType: 'application/token-introspection+jwt', alg: 'RS256', typ: 'token-introspection+jwt', active: true, client_id: keyClient.client_id,
    });
    expect(result.afterRevocation).toMatchObject({ alg: 'RS256', active: false });
    expect(result.secretToken).toEqual({ type: 'bearer', scope: 'reports:read' });
    const [stored] = await ctx.server.app.get(DataSource).query(`SELECT client_secret_sealed FROM clients WHERE client_id = $1`, [secretClient.client_id]);
    expect(stored.client_secret_sealed).toMatch(/^enc:v1:/);
    expect(stored.client_secret_sealed).not.toContain(secretClient.client_secret);
  });

  it('honours the client\'s introspection_signed_response_alg', async () => {
    const alg = ctx.server.config.signingAlgorithm;
    expect(alg).not.toBe('RS256');
    const { result } = await flow(alg);
    expect(result.introspected).toMatchObject({ alg, active: true });
  });
});
