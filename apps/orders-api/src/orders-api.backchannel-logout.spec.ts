import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FakeAuthorizationServer, LOGOUT_CLIENT_ID } from '../../../libs/resource-server/test/fake-authorization-server';
import { createOrdersApp } from './create-orders-app';

/** The example's back-channel logout: a logged-out session's access tokens stop working at once. */
describe('orders-api back-channel logout', () => {
  let server: FakeAuthorizationServer;
  let app: NestFastifyApplication;

  const listOrders = (token: string) => app.inject({ method: 'GET', url: '/orders', headers: { authorization: `Bearer ${token}` } });
  const logout = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/backchannel-logout',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ logout_token: token }).toString(),
    });

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    const resourceServer = { issuer: server.issuer, audience: 'https://orders.example.test', mode: 'jwt' as const, fetch: server.fetch, now: () => server.nowMs };
    app = await createOrdersApp(resourceServer, { logger: false, backchannelLogout: { clientId: LOGOUT_CLIENT_ID } });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterEach(async () => {
    await app.close();
  });

  it('refuses the access tokens of a session ended by sid, and keeps the others', async () => {
    const ended = await server.issue({ claims: { sid: 'session-7' } });
    const other = await server.issue({ claims: { sid: 'session-8' } });
    expect((await listOrders(ended)).statusCode).toBe(200);

    const response = await logout(await server.issueLogout({ claims: { sid: 'session-7' } }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');

    const refused = await listOrders(ended);
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBe(
      'Bearer realm="orders", error="invalid_token", error_description="The session behind the access token has ended"',
    );
    expect((await listOrders(other)).statusCode).toBe(200);
  });

  it('without sid, ends every session of the subject issued until the logout', async () => {
    const before = await server.issue({ claims: { sid: 'session-1' } });
    expect((await logout(await server.issueLogout({ omit: ['sid'] }))).statusCode).toBe(200);
    expect((await listOrders(before)).statusCode).toBe(401);
    server.advance(5);
    expect((await listOrders(await server.issue({ claims: { sid: 'session-2' } }))).statusCode).toBe(200);
  });

  it('answers 400 invalid_request to a bad logout token and leaves sessions alone', async () => {
    const token = await server.issue({ claims: { sid: 'session-7' } });
    const response = await logout(await server.issueLogout({ claims: { aud: 'someone-else' } }));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'The logout token is not meant for this client' });
    expect((await listOrders(token)).statusCode).toBe(200);
  });

  it('keeps public routes open', async () => {
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
