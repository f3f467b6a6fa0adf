import { REVOCATION_STALENESS_MS } from '@app/tokens';
import { AdminApi } from '../support/admin';
import { basicAuth, postForm } from '../support/http';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer, usesPostgres } from '../support/test-server';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, introspect, pkce, redeemCode, registerWebClient, signInToApp, tokenRequest } from '../support/sign-in';
import { LogoutReceiver } from '../support/logout-receiver';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

/**
 * Two server processes on one PostgreSQL database, as behind a load balancer: every piece of state that
 * matters (codes, refresh families, revocations, lockouts, keys, client changes) must hold across them.
 */
(usesPostgres() ? describe : describe.skip)('two instances on one database', () => {
  // Not useTestServer: two server processes of their own on one database.
  let a: ServerProcess;
  let b: ServerProcess;
  let adminA: AdminApi;
  let database: ThrowawayDatabase;
  let web: { client_id: string; client_secret?: string };
  let person: { id: string; username: string; password: string };

  const asServer = (instance: ServerProcess) => ({ baseUrl: instance.baseUrl }) as TestServer;

  beforeAll(async () => {
    ensureBuilt();
    database = await throwawayDatabase();
    const env = {
      ...database.env,
      ISSUER: 'http://auth.test.internal',
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
    };
    // Started together: migrations, bootstrap and first keys must not trip over each other.
    [a, b] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
    adminA = await AdminApi.connect(asServer(a));
    web = await registerWebClient(adminA, { first_party: true });
    person = await createPerson(adminA);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  async function codeFrom(instance: ServerProcess, scope = 'openid offline_access') {
    const { verifier, challenge } = pkce();
    const browser = new BrowserSession(instance.baseUrl);
    const page = await authorize(browser, authorizeUrl(web.client_id, { scope, code_challenge: challenge, code_challenge_method: 'S256' }), person);
    return { code: callbackParams(page).get('code')!, verifier };
  }

  it('shares signing keys: a token from one instance is accepted by the other', async () => {
    const adminOnB = await AdminApi.connect(asServer(b));
    expect((await adminOnB.get('/admin/v1/clients')).status).toBe(200);
    expect((await adminA.get('/admin/v1/clients')).status).toBe(200);
  });

  it('redeems a code once across instances, and a replay on the other instance revokes what was issued', async () => {
    const { code, verifier } = await codeFrom(a);
    const first = await redeemCode(b.baseUrl, web, code, verifier);
    expect(first.status).toBe(200);
    const replay = await redeemCode(a.baseUrl, web, code, verifier);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    expect(await introspect(b.baseUrl, web, first.body.access_token)).toEqual({ active: false });
    const refreshed = await tokenRequest(a.baseUrl, web, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token! });
    expect(refreshed.body.error).toBe('invalid_grant');
  });

  it('rotates refresh tokens across instances and revokes the family on reuse', async () => {
    const { code, verifier } = await codeFrom(b);
    const tokens = (await redeemCode(a.baseUrl, web, code, verifier)).body;
    const rotated = await tokenRequest(a.baseUrl, web, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(rotated.status).toBe(200);
    const reuse = await tokenRequest(b.baseUrl, web, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(reuse.body.error).toBe('invalid_grant');
    const afterReuse = await tokenRequest(a.baseUrl, web, { grant_type: 'refresh_token', refresh_token: rotated.body.refresh_token! });
    expect(afterReuse.body.error).toBe('invalid_grant');
    expect(await introspect(b.baseUrl, web, rotated.body.access_token)).toEqual({ active: false });
  });

  it(`sees a revocation made on the other instance within ${REVOCATION_STALENESS_MS} ms, and at once on its own`, async () => {
    const { code, verifier } = await codeFrom(a, 'openid');
    const tokens = (await redeemCode(a.baseUrl, web, code, verifier)).body;
    expect((await introspect(b.baseUrl, web, tokens.access_token)).active).toBe(true);
    const revoked = await postForm(`${a.baseUrl}/oauth2/revoke`, { token: tokens.access_token }, { authorization: basicAuth(web.client_id, web.client_secret!) });
    expect(revoked.status).toBe(200);
    expect(await introspect(a.baseUrl, web, tokens.access_token)).toEqual({ active: false });
    // B answers from memory, which the notification of the commit brings up to date (README, "Running in production").
    const started = Date.now();
    let onB = await introspect(b.baseUrl, web, tokens.access_token);
    while (onB.active && Date.now() - started <= REVOCATION_STALENESS_MS) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      onB = await introspect(b.baseUrl, web, tokens.access_token);
    }
    expect(onB).toEqual({ active: false });
  });

  it('counts failed sign-ins of one account on both instances together', async () => {
    const victim = await createPerson(adminA);
    const attempt = async (instance: ServerProcess, password: string) => {
      const browser = new BrowserSession(instance.baseUrl);
      const page = await browser.get('/login');
      return submitLogin(browser, page, victim.username, password);
    };
    for (let i = 0; i < 5; i++) await attempt(i % 2 === 0 ? a : b, 'wrong password');
    const withRightPassword = await attempt(b, victim.password);
    expect(withRightPassword.status).not.toBe(303);
    expect(withRightPassword.text).toContain('temporarily locked');
  });

  it('drops a rotated client secret on the other instance at once (cache invalidation)', async () => {
    const service = await adminA.registerClient({ client_name: 'svc', grant_types: ['client_credentials'], scope: 'a' });
    const tokenWith = (instance: ServerProcess, secret: string) =>
      postForm(`${instance.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, secret) });
    expect((await tokenWith(b, service.client_secret!)).status).toBe(200);
    const rotated = await adminA.send<{ client_secret: string }>('POST', `/admin/v1/clients/${service.client_id}/secret`);
    let oldSecretOnB = 200;
    for (let i = 0; i < 20 && oldSecretOnB === 200; i++) {
      oldSecretOnB = (await tokenWith(b, service.client_secret!)).status;
      if (oldSecretOnB === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(oldSecretOnB).toBe(401);
    expect((await tokenWith(b, rotated.body.client_secret)).status).toBe(200);
  });

  it('signs with the new key and publishes the new JWKS on the other instance at once after a rotation', async () => {
    const rotated = await adminA.send<{ kid: string }>('POST', '/admin/v1/keys/rotate', {});
    expect(rotated.status).toBe(200);
    const service = await adminA.registerClient({ client_name: 'svc-rotation', grant_types: ['client_credentials'], scope: 'a' });
    // Within a couple of seconds (the change feed), not at the next periodic reload a minute later.
    const jwksKids = async (instance: ServerProcess) =>
      ((await (await fetch(`${instance.baseUrl}/oauth2/jwks`)).json()) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid).sort();
    const published = await jwksKids(a);
    const deadline = Date.now() + 3000;
    let kids: string[] = [];
    let signedWith: string | undefined;
    while (Date.now() < deadline) {
      kids = await jwksKids(b);
      const token = await postForm<{ access_token: string }>(`${b.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
      signedWith = JSON.parse(Buffer.from(token.body.access_token.split('.')[0], 'base64url').toString()).kid;
      if (signedWith === rotated.body.kid && kids.join() === published.join()) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(signedWith).toBe(rotated.body.kid);
    // The fresh next key, published by A's rotation, is in B's JWKS too.
    expect(kids).toEqual(published);
  });

  it('verifies tokens signed after a key rotation on the other instance without delay', async () => {
    const rotated = await adminA.send<{ kid: string }>('POST', '/admin/v1/keys/rotate', {});
    expect(rotated.status).toBe(200);
    const service = await adminA.registerClient({ client_name: 'svc2', grant_types: ['client_credentials'], scope: 'a' });
    const token = await postForm<{ access_token: string }>(`${a.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    const onB = await postForm(`${b.baseUrl}/oauth2/introspect`, { token: token.body.access_token }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(onB.body).toMatchObject({ active: true });
  });

  it('delivers each back-channel logout token once while both instances claim from one outbox (SKIP LOCKED)', async () => {
    const receiver = await LogoutReceiver.start('http://auth.test.internal', `${a.baseUrl}/oauth2/jwks`);
    try {
      const app = await registerWebClient(adminA, { first_party: true, scope: 'openid profile' });
      expect((await adminA.send('PATCH', `/admin/v1/clients/${app.client_id}`, { backchannel_logout_uri: receiver.url(app.client_id) })).status).toBe(200);
      const adminB = await AdminApi.connect(asServer(b));
      const people = await Promise.all(Array.from({ length: 8 }, () => createPerson(adminA)));
      const sids: string[] = [];
      for (const [index, someone] of people.entries()) {
        sids.push((await signInToApp(new BrowserSession((index % 2 ? b : a).baseUrl), app, someone)).sid);
      }
      // Ended on both instances at once: each wakes its own worker, and both poll the same rows.
      await Promise.all(people.map((someone, index) => (index % 2 ? adminB : adminA).send('DELETE', `/admin/v1/users/${someone.id}/sessions`)));

      await receiver.waitFor(app.client_id, sids.length);
      for (let round = 0; round < 40; round++) {
        const pending = await adminA.get<{ items: unknown[] }>('/admin/v1/logout-deliveries?status=pending');
        if (pending.body.items.length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const received = receiver.for(app.client_id);
      expect(received.map((entry) => entry.problem)).toEqual(sids.map(() => undefined));
      expect(received.map((entry) => entry.claims?.sid).sort()).toEqual([...sids].sort());
    } finally {
      await receiver.close();
    }
  });
});
