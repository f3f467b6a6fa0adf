import { basicAuth, decodeJwt, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import {
  database, decide, DeviceClient, DEVICE_GRANT, enterCode, poll, registerDeviceClient, signedInBrowser, startOk,
} from '../support/device';
import { BrowserSession } from '../support/browser-session';

describe('device_code grant at the token endpoint (RFC 8628 §3.4-3.5)', () => {
  const ctx = useTestServer({ DEVICE_CODE_TTL: '60' });
  let client: DeviceClient;
  let browser: BrowserSession;

  beforeAll(async () => {
    client = await registerDeviceClient(ctx.admin);
    browser = await signedInBrowser(ctx.server);
  });

  async function authorizationRow(id: string): Promise<{ interval_seconds: number; status: string }> {
    const rows = await database(ctx.server).query(`SELECT interval_seconds, status FROM device_authorizations WHERE id = $1`, [id]);
    return rows[0];
  }

  async function onlyPendingId(clientId: string): Promise<string> {
    const rows: Array<{ id: string }> = await database(ctx.server).query(
      `SELECT id FROM device_authorizations WHERE client_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [clientId],
    );
    return rows[0].id;
  }

  it('§3.5: authorization_pending while the person has not decided, not cacheable', async () => {
    const started = await startOk(ctx.server, client);
    const response = await poll(ctx.server, client, started.device_code);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expect.objectContaining({ error: 'authorization_pending' }));
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('§3.5: slow_down when polled sooner than the interval, and the stored interval grows by 5 s each time', async () => {
    const started = await startOk(ctx.server, client);
    const id = await onlyPendingId(client.client_id);
    expect((await poll(ctx.server, client, started.device_code)).body.error).toBe('authorization_pending');
    expect((await authorizationRow(id)).interval_seconds).toBe(5);
    const fast = await poll(ctx.server, client, started.device_code);
    expect(fast.status).toBe(400);
    expect(fast.body.error).toBe('slow_down');
    expect((await authorizationRow(id)).interval_seconds).toBe(10);
    expect((await poll(ctx.server, client, started.device_code)).body.error).toBe('slow_down');
    expect((await authorizationRow(id)).interval_seconds).toBe(15);
    // A poll that waited the (new) interval is pending again and the interval stays.
    await database(ctx.server).query(`UPDATE device_authorizations SET last_polled_at = now() - interval '16 seconds' WHERE id = $1`, [id]);
    expect((await poll(ctx.server, client, started.device_code)).body.error).toBe('authorization_pending');
    expect((await authorizationRow(id)).interval_seconds).toBe(15);
  });

  it('issues tokens for the person once approved, then invalid_grant for any further redemption', async () => {
    const started = await startOk(ctx.server, client, { scope: 'openid api:read' });
    await poll(ctx.server, client, started.device_code);
    expect((await decide(browser, started.user_code, 'allow')).status).toBe(200);
    const id = await onlyPendingId(client.client_id);
    const response = await poll(ctx.server, client, started.device_code);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toEqual(expect.objectContaining({ token_type: 'Bearer', scope: 'openid api:read', expires_in: 3600 }));
    const claims = decodeJwt(response.body.access_token as string).payload;
    const users: Array<{ id: string }> = await database(ctx.server).query(`SELECT id FROM users`);
    expect(claims.sub).toBe(users[0].id);
    expect(claims.client_id).toBe(client.client_id);
    expect(claims.gid).toBe(id);
    expect(typeof claims.auth_time).toBe('number');
    // OIDC Core §3.1.3.3: an id_token because openid was granted; no refresh token for this client.
    const idToken = decodeJwt(response.body.id_token as string).payload;
    expect(idToken).toEqual(expect.objectContaining({ iss: ctx.server.config.issuer, sub: users[0].id, aud: client.client_id }));
    expect(response.body.refresh_token).toBeUndefined();
    const again = await poll(ctx.server, client, started.device_code);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('a client allowed refresh tokens gets one, and it refreshes; without openid there is no id_token', async () => {
    const refreshing = await registerDeviceClient(ctx.admin, { grant_types: [DEVICE_GRANT, 'refresh_token'] });
    const started = await startOk(ctx.server, refreshing, { scope: 'api:read' });
    await decide(browser, started.user_code, 'allow');
    const response = await poll(ctx.server, refreshing, started.device_code);
    expect(response.status).toBe(200);
    expect(response.body.id_token).toBeUndefined();
    expect(response.body.refresh_token).toEqual(expect.any(String));
    const refreshed = await postForm(`${ctx.server.baseUrl}/oauth2/token`, {
      client_id: refreshing.client_id,
      grant_type: 'refresh_token',
      refresh_token: response.body.refresh_token as string,
    });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.access_token as string).payload.scope).toBe('api:read');
  });

  it('two concurrent pollers racing for one approved code: exactly one gets tokens', async () => {
    for (let round = 0; round < 3; round++) {
      const started = await startOk(ctx.server, client);
      await decide(browser, started.user_code, 'allow');
      const results = await Promise.all([poll(ctx.server, client, started.device_code), poll(ctx.server, client, started.device_code)]);
      const winners = results.filter((result) => result.status === 200);
      expect(winners).toHaveLength(1);
      const loser = results.find((result) => result.status !== 200)!;
      expect(loser.status).toBe(400);
      expect(loser.body.error).toBe('invalid_grant');
    }
  });

  it('RFC 6749 §5.2: a device code presented with another client\'s credentials is invalid_grant', async () => {
    const other = await registerDeviceClient(ctx.admin, { client_name: 'Other TV', token_endpoint_auth_method: 'client_secret_basic' });
    const started = await startOk(ctx.server, client);
    await decide(browser, started.user_code, 'allow');
    const stolen = await poll(ctx.server, other, started.device_code);
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe('invalid_grant');
    // The rightful client still gets its tokens.
    expect((await poll(ctx.server, client, started.device_code)).status).toBe(200);
  });

  it('§3.5: access_denied after the person denies, on every later poll', async () => {
    const started = await startOk(ctx.server, client);
    const page = await decide(browser, started.user_code, 'deny');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Access denied');
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await poll(ctx.server, client, started.device_code);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('access_denied');
    }
  });

  it('§3.5: expired_token after expiry, and the page no longer accepts the code', async () => {
    const started = await startOk(ctx.server, client);
    expect(started.expires_in).toBe(60);
    const id = await onlyPendingId(client.client_id);
    await database(ctx.server).query(`UPDATE device_authorizations SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const response = await poll(ctx.server, client, started.device_code);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('expired_token');
    const page = await enterCode(browser, started.user_code);
    expect(page.status).toBe(400);
    expect(page.text).toContain('not valid or has expired');
  });

  it('an approved code expiring before redemption is expired_token, not tokens', async () => {
    const started = await startOk(ctx.server, client);
    await decide(browser, started.user_code, 'allow');
    const id = await onlyPendingId(client.client_id);
    await database(ctx.server).query(`UPDATE device_authorizations SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect((await poll(ctx.server, client, started.device_code)).body.error).toBe('expired_token');
  });

  it('a person disabled after approving gets no tokens (invalid_grant)', async () => {
    const started = await startOk(ctx.server, client);
    await decide(browser, started.user_code, 'allow');
    await database(ctx.server).query(`UPDATE users SET disabled = true`);
    try {
      const response = await poll(ctx.server, client, started.device_code);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_grant');
    } finally {
      await database(ctx.server).query(`UPDATE users SET disabled = false`);
    }
  });

  it('§3.4: a missing device_code is invalid_request; an unknown one is invalid_grant', async () => {
    const missing = await postForm(`${ctx.server.baseUrl}/oauth2/token`, { client_id: client.client_id, grant_type: DEVICE_GRANT });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
    const unknown = await poll(ctx.server, client, 'x'.repeat(43));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_grant');
  });

  it('RFC 6749 §5.2: a client not registered for the device grant is unauthorized_client at the token endpoint', async () => {
    const backend = await ctx.admin.registerClient({ client_name: 'Backend', grant_types: ['client_credentials'], scope: 'api:read' });
    const response = await postForm(
      `${ctx.server.baseUrl}/oauth2/token`,
      { grant_type: DEVICE_GRANT, device_code: 'x'.repeat(43) },
      { authorization: basicAuth(backend.client_id, backend.client_secret!) },
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('unauthorized_client');
  });

  describe('admin API /admin/v1/device-authorizations', () => {
    it('lists pending authorizations page by page and denies one, which the device then sees', async () => {
      const tv = await registerDeviceClient(ctx.admin, { client_name: 'Admin test TV' });
      const first = await startOk(ctx.server, tv, { scope: 'api:read' });
      const second = await startOk(ctx.server, tv);
      const page1 = await ctx.admin.get<{ items: Array<Record<string, unknown>>; next_cursor: string | null }>('/admin/v1/device-authorizations?limit=1');
      expect(page1.status).toBe(200);
      expect(page1.body.items).toHaveLength(1);
      expect(page1.body.next_cursor).toEqual(expect.any(String));
      const all: Array<Record<string, unknown>> = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=100&cursor=${cursor}` : '?limit=100';
        const page = await ctx.admin.get<{ items: Array<Record<string, unknown>>; next_cursor: string | null }>(`/admin/v1/device-authorizations${query}`);
        all.push(...page.body.items);
        cursor = page.body.next_cursor;
      } while (cursor);
      const mine = all.filter((item) => item.client_id === tv.client_id);
      expect(mine).toHaveLength(2);
      expect(mine[0]).toEqual({
        id: expect.any(String),
        client_id: tv.client_id,
        scope: 'api:read',
        status: 'pending',
        created_at: expect.any(String),
        expires_at: expect.any(String),
      });
      expect(JSON.stringify(all)).not.toContain(first.user_code);

      const denied = await ctx.admin.send(`POST`, `/admin/v1/device-authorizations/${mine[0].id as string}/deny`);
      expect(denied.status).toBe(200);
      expect(denied.body.status).toBe('denied');
      expect((await poll(ctx.server, tv, first.device_code)).body.error).toBe('access_denied');
      expect((await poll(ctx.server, tv, second.device_code)).body.error).toBe('authorization_pending');
      const after = await ctx.admin.get<{ items: Array<Record<string, unknown>> }>('/admin/v1/device-authorizations?limit=100');
      expect(after.body.items.map((item) => item.id)).not.toContain(mine[0].id);

      expect((await ctx.admin.send('POST', `/admin/v1/device-authorizations/${mine[0].id as string}/deny`)).status).toBe(409);
    });

    it('answers 404 for unknown or malformed ids, 400 for a bad cursor, 401 without a token', async () => {
      expect((await ctx.admin.send('POST', '/admin/v1/device-authorizations/00000000-0000-4000-8000-000000000000/deny')).status).toBe(404);
      expect((await ctx.admin.send('POST', '/admin/v1/device-authorizations/not-a-uuid/deny')).status).toBe(404);
      expect((await ctx.admin.get('/admin/v1/device-authorizations?cursor=garbage')).status).toBe(400);
      const anonymous = await fetch(`${ctx.server.baseUrl}/admin/v1/device-authorizations`);
      expect(anonymous.status).toBe(401);
    });
  });
});
