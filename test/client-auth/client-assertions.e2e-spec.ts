import { exportJWK, generateKeyPair, JWK } from 'jose';
import { DataSource } from 'typeorm';
import { HousekeepingService } from '@app/core';
import { ASSERTION_TYPE, AssertionOptions, signAssertion, SigningKey } from '../support/client-assertion';
import { basicAuth, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';

describe('private_key_jwt and client_secret_jwt client authentication (RFC 7523, OIDC Core §9)', () => {
  const ctx = useTestServer();
  let privateKey: SigningKey;
  let publicJwk: JWK;
  let keyClient: { client_id: string; client_secret?: string };
  let secretClient: { client_id: string; client_secret?: string };
  const url = (path: string) => `${ctx.server.baseUrl}${path}`;
  const assertionFor = (clientId: string, key: SigningKey, options: AssertionOptions = {}) =>
    signAssertion(clientId, key, { ...options, aud: options.aud ?? ctx.server.config.endpoint('/oauth2/token') });
  const tokenWith = (assertion: string, extra: Record<string, string> = {}) =>
    postForm<Record<string, string>>(url('/oauth2/token'), { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, ...extra });

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    privateKey = pair.privateKey;
    publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
    keyClient = await ctx.admin.registerClient({
      client_name: 'key service', grant_types: ['client_credentials'], scope: 'reports:read',
      token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] },
    });
    secretClient = await ctx.admin.registerClient({
      client_name: 'hmac service', grant_types: ['client_credentials'], scope: 'reports:read',
      token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'HS256',
    });
  });

  it('registers a private_key_jwt client without a secret, and a client_secret_jwt client with one shown once', async () => {
    expect(keyClient.client_secret).toBeUndefined();
    expect(keyClient).toMatchObject({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] } });
    expect(keyClient).not.toHaveProperty('client_secret_expires_at');
    expect(secretClient.client_secret).toEqual(expect.any(String));
    const read = await ctx.admin.get(`/admin/v1/clients/${secretClient.client_id}`);
    expect(read.body).toMatchObject({ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'HS256' });
    expect(read.body).not.toHaveProperty('client_secret');
  });

  it('issues a token for a private_key_jwt assertion, then introspects and revokes with assertions too', async () => {
    const issued = await tokenWith(await assertionFor(keyClient.client_id, privateKey, { kid: 'key-1' }));
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: 'Bearer', scope: 'reports:read' });
    const token = issued.body.access_token;
    const introspected = await postForm(url('/oauth2/introspect'), {
      token, client_assertion_type: ASSERTION_TYPE, client_assertion: await assertionFor(keyClient.client_id, privateKey, { aud: ctx.server.config.endpoint('/oauth2/introspect') }),
    });
    expect(introspected.status).toBe(200);
    expect(introspected.body).toMatchObject({ active: true, client_id: keyClient.client_id });
    const revoked = await postForm(url('/oauth2/revoke'), {
      token, client_assertion_type: ASSERTION_TYPE, client_assertion: await assertionFor(keyClient.client_id, privateKey, { aud: ctx.server.config.issuer }),
    });
    expect(revoked.status).toBe(200);
  });

  it('issues a token for a client_secret_jwt assertion; the secret itself is refused for that client', async () => {
    const secret = new TextEncoder().encode(secretClient.client_secret!);
    const issued = await tokenWith(await assertionFor(secretClient.client_id, secret, { alg: 'HS256' }));
    expect(issued.status).toBe(200);
    const basic = await postForm(url('/oauth2/token'), { grant_type: 'client_credentials' }, { authorization: basicAuth(secretClient.client_id, secretClient.client_secret!) });
    expect(basic.status).toBe(401);
    expect(basic.body).toMatchObject({ error: 'invalid_client' });
    // OIDC Registration §2: token_endpoint_auth_signing_alg HS256 leaves out HS512.
    const hs512 = await tokenWith(await assertionFor(secretClient.client_id, secret, { alg: 'HS512' }));
    expect(hs512.status).toBe(401);
  });

  it('after a secret rotation only the new secret signs', async () => {
    const rotated = await ctx.admin.send<{ client_secret: string }>('POST', `/admin/v1/clients/${secretClient.client_id}/secret`);
    expect(rotated.status).toBe(200);
    const old = await tokenWith(await assertionFor(secretClient.client_id, new TextEncoder().encode(secretClient.client_secret!), { alg: 'HS256' }));
    expect(old.status).toBe(401);
    const fresh = await tokenWith(await assertionFor(secretClient.client_id, new TextEncoder().encode(rotated.body.client_secret), { alg: 'HS256' }));
    expect(fresh.status).toBe(200);
    secretClient = { ...secretClient, client_secret: rotated.body.client_secret };
  });

  it('switching an app to client_secret_jwt issues a new secret it can sign with; back to basic keeps it', async () => {
    const metadata = { client_name: 'switcher', grant_types: ['client_credentials'], scope: 'reports:read' };
    const app = await ctx.admin.registerClient(metadata);
    const switched = await ctx.admin.send<{ client_secret?: string }>('PUT', `/admin/v1/clients/${app.client_id}`, { ...metadata, token_endpoint_auth_method: 'client_secret_jwt' });
    expect(switched.status).toBe(200);
    expect(switched.body.client_secret).toEqual(expect.any(String));
    expect(switched.body.client_secret).not.toBe(app.client_secret);
    const secret = new TextEncoder().encode(switched.body.client_secret!);
    expect((await tokenWith(await assertionFor(app.client_id, secret, { alg: 'HS256' }))).status).toBe(200);
    const back = await ctx.admin.send<{ client_secret?: string }>('PUT', `/admin/v1/clients/${app.client_id}`, metadata);
    expect(back.body.client_secret).toBeUndefined();
    const basic = await postForm(url('/oauth2/token'), { grant_type: 'client_credentials' }, { authorization: basicAuth(app.client_id, switched.body.client_secret!) });
    expect(basic.status).toBe(200);
    expect((await tokenWith(await assertionFor(app.client_id, secret, { alg: 'HS256' }))).status).toBe(401);
  });

  describe('refusals: each is invalid_client, 401, never a 500', () => {
    const refused = async (assertion: Promise<string>, extra: Record<string, string> = {}) => {
      const response = await tokenWith(await assertion, extra);
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: 'invalid_client' });
      expect(response.headers.get('cache-control')).toBe('no-store');
    };

    it('RFC 7523 §3 item 3: an audience other than the token endpoint or the issuer', async () => {
      await refused(assertionFor(keyClient.client_id, privateKey, { aud: 'https://elsewhere.example.com/token' }));
    });

    it('RFC 7523 §3 item 4: an expired assertion', async () => {
      await refused(assertionFor(keyClient.client_id, privateKey, { exp: Math.floor(Date.now() / 1000) - 120 }));
    });

    it('RFC 7523 §3 item 4: no exp at all', async () => {
      await refused(assertionFor(keyClient.client_id, privateKey, { exp: 'none' }));
    });

    it('an exp more than five minutes ahead', async () => {
      await refused(assertionFor(keyClient.client_id, privateKey, { exp: Math.floor(Date.now() / 1000) + 3600 }));
    });

    it('RFC 7523 §3 item 7: a replayed jti', async () => {
      const assertion = await assertionFor(keyClient.client_id, privateKey, { jti: 'once-only' });
      expect((await tokenWith(assertion)).status).toBe(200);
      await refused(Promise.resolve(assertion));
      await refused(assertionFor(keyClient.client_id, privateKey, { jti: 'once-only' }));
    });

    it('RFC 7523 §3 item 7: of two requests racing with one assertion, exactly one gets a token', async () => {
      const assertion = await assertionFor(keyClient.client_id, privateKey);
      const statuses = (await Promise.all([tokenWith(assertion), tokenWith(assertion), tokenWith(assertion)])).map((response) => response.status);
      expect(statuses.sort()).toEqual([200, 401, 401]);
    });

    it('an algorithm the method does not allow: HS256 signed with the public key for private_key_jwt', async () => {
      const publicKeyAsSecret = new TextEncoder().encode(JSON.stringify(publicJwk));
      await refused(assertionFor(keyClient.client_id, publicKeyAsSecret, { alg: 'HS256', kid: 'key-1' }));
    });

    it('a kid the client never registered', async () => {
      const other = await generateKeyPair('ES256');
      await refused(assertionFor(keyClient.client_id, other.privateKey, { kid: 'unknown-kid' }));
    });

    it('RFC 7523 §3 items 1-2: iss different from the client_id', async () => {
      await refused(assertionFor(keyClient.client_id, privateKey, { iss: secretClient.client_id }));
    });

    it('RFC 7521 §4.2: a client_id that is not the assertion\'s', async () => {
      await refused(assertionFor(keyClient.client_id, privateKey), { client_id: secretClient.client_id });
    });

    it('an assertion for a client registered with client_secret_basic', async () => {
      const basicClient = await ctx.admin.registerClient({ grant_types: ['client_credentials'], scope: 'reports:read' });
      await refused(assertionFor(basicClient.client_id, new TextEncoder().encode(basicClient.client_secret!), { alg: 'HS256' }));
    });

    it('garbage, and an unknown assertion type', async () => {
      await refused(Promise.resolve('not-a-jwt'));
      const response = await postForm(url('/oauth2/token'), { grant_type: 'client_credentials', client_assertion_type: 'urn:example:saml', client_assertion: await assertionFor(keyClient.client_id, privateKey) });
      expect(response.status).toBe(401);
    });

    it('RFC 6749 §2.3: an assertion together with a client secret is invalid_request', async () => {
      const response = await tokenWith(await assertionFor(keyClient.client_id, privateKey), { client_secret: 'x' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'invalid_request' });
    });
  });

  describe('registration rules', () => {
    const refusedMetadata = async (metadata: Record<string, unknown>, field: string) => {
      const response = await ctx.admin.createClient<{ error: string; fields: Record<string, string> }>({ grant_types: ['client_credentials'], ...metadata });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_client_metadata');
      expect(response.body.fields).toHaveProperty(field);
      return response.body.fields[field];
    };

    it('refuses a private JWK in jwks', async () => {
      const pair = await generateKeyPair('ES256', { extractable: true });
      const message = await refusedMetadata({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [await exportJWK(pair.privateKey)] } }, 'jwks');
      expect(message).toMatch(/private member "d"/);
      await refusedMetadata({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, 'jwks');
    });

    it('private_key_jwt needs exactly one of jwks and jwks_uri', async () => {
      await refusedMetadata({ token_endpoint_auth_method: 'private_key_jwt' }, 'jwks');
      await refusedMetadata({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] }, jwks_uri: 'https://keys.example.com/jwks' }, 'jwks');
    });

    it('refuses a jwks_uri to 127.0.0.1, localhost or over http without JWKS_URI_ALLOW_PRIVATE', async () => {
      for (const uri of ['https://127.0.0.1/jwks', 'https://localhost/jwks', 'https://[::1]/jwks', 'https://169.254.169.254/jwks', 'http://keys.example.com/jwks']) {
        await refusedMetadata({ token_endpoint_auth_method: 'private_key_jwt', jwks_uri: uri }, 'jwks_uri');
      }
    });

    it('refuses an assertion algorithm outside the method', async () => {
      await refusedMetadata({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] }, token_endpoint_auth_signing_alg: 'HS256' }, 'token_endpoint_auth_signing_alg');
      await refusedMetadata({ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'RS256' }, 'token_endpoint_auth_signing_alg');
    });
  });

  it('housekeeping drops the jtis of expired assertions, and only those', async () => {
    const database = ctx.server.app.get(DataSource);
    await database.query(`INSERT INTO client_assertion_jtis (client_id, jti, expires_at) VALUES ($1, 'old', now() - interval '1 second'), ($1, 'live', now() + interval '1 minute')`, [keyClient.client_id]);
    const round = await ctx.server.app.get(HousekeepingService).runOnce();
    expect(round.client_assertion_jtis).toBeGreaterThanOrEqual(1);
    const left = await database.query(`SELECT jti FROM client_assertion_jtis WHERE client_id = $1 AND jti IN ('old', 'live')`, [keyClient.client_id]);
    expect(left).toEqual([{ jti: 'live' }]);
  });

  it('discovery lists both methods and their algorithms', async () => {
    const response = await fetch(url('/.well-known/openid-configuration'));
    const body = (await response.json()) as Record<string, string[]>;
    for (const field of ['token_endpoint_auth_methods_supported', 'introspection_endpoint_auth_methods_supported', 'revocation_endpoint_auth_methods_supported']) {
      expect(body[field]).toEqual(expect.arrayContaining(['private_key_jwt', 'client_secret_jwt']));
    }
    expect(body.token_endpoint_auth_signing_alg_values_supported).toEqual(expect.arrayContaining(['RS256', 'ES256', 'PS256', 'EdDSA', 'HS256']));
    expect(body.token_endpoint_auth_signing_alg_values_supported).not.toContain('none');
  });
});
