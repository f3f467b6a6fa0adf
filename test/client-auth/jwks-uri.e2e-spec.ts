import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWK } from 'jose';
import { ASSERTION_TYPE, signAssertion, SigningKey } from '../support/client-assertion';
import { postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';

/** private_key_jwt with keys fetched from the client's jwks_uri; a loopback server needs JWKS_URI_ALLOW_PRIVATE. */
describe('private_key_jwt with jwks_uri (RFC 7591 §2)', () => {
  const ctx = useTestServer({ JWKS_URI_ALLOW_PRIVATE: 'true' });
  let keys: { keys: JWK[] };
  let fetches = 0;
  let jwksServer: Server;
  let jwksUri: string;
  let privateKey: SigningKey;
  let clientId: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('PS256', { extractable: true });
    privateKey = pair.privateKey;
    keys = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'ps-1' }] };
    jwksServer = createServer((_request, response) => {
      fetches++;
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify(keys));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
    clientId = (await ctx.admin.registerClient({
      grant_types: ['client_credentials'], scope: 'reports:read', token_endpoint_auth_method: 'private_key_jwt', jwks_uri: jwksUri, token_endpoint_auth_signing_alg: 'PS256',
    })).client_id;
  });

  afterAll(() => new Promise((resolve) => jwksServer.close(resolve)));

  const token = async (kid: string, key: SigningKey = privateKey) => {
    const assertion = await signAssertion(clientId, key, { alg: 'PS256', kid, aud: ctx.server.config.endpoint('/oauth2/token') });
    return postForm(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion });
  };

  it('fetches the keys once and serves later assertions from the cache', async () => {
    expect((await token('ps-1')).status).toBe(200);
    expect((await token('ps-1')).status).toBe(200);
    expect(fetches).toBe(1);
  });

  it('an unknown kid is invalid_client; the set is not fetched again within the minute', async () => {
    const other = await generateKeyPair('PS256');
    const response = await token('ps-2', other.privateKey);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_client' });
    expect(fetches).toBe(1);
  });

  it('a jwks_uri that cannot be fetched is invalid_client, not a 500', async () => {
    const gone = await ctx.admin.registerClient({
      grant_types: ['client_credentials'], scope: 'reports:read', token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'http://127.0.0.1:1/jwks',
    });
    const assertion = await signAssertion(gone.client_id, privateKey, { alg: 'PS256', kid: 'ps-1', aud: ctx.server.config.issuer });
    const response = await postForm(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_client' });
  });
});
