import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FakeAuthorizationServer } from '../../../libs/resource-server/test/fake-authorization-server';
import { createOrdersApp } from './create-orders-app';

const SPA = 'http://localhost:5173';

/** A single-page app on its own origin calls the API with a bearer token: only listed origins may. */
describe('orders-api CORS for browser apps', () => {
  let server: FakeAuthorizationServer;
  let sut: NestFastifyApplication;

  const start = async (corsOrigins?: string[]) => {
    server = await FakeAuthorizationServer.create();
    const resourceServer = { issuer: server.issuer, audience: 'https://orders.example.test', mode: 'jwt' as const, fetch: server.fetch, now: () => server.nowMs };
    sut = await createOrdersApp(resourceServer, { logger: false, ...(corsOrigins ? { corsOrigins } : {}) });
    await sut.init();
    await sut.getHttpAdapter().getInstance().ready();
  };
  const preflight = (origin: string) =>
    sut.inject({ method: 'OPTIONS', url: '/orders', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });

  afterEach(async () => {
    await sut.close();
  });

  it('answers the preflight of a listed origin before any token is asked for', async () => {
    await start([SPA]);
    const response = await preflight(SPA);
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(SPA);
    expect(response.headers['access-control-allow-headers']).toContain('Authorization');
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('lets a listed origin read the answer and the bearer challenge', async () => {
    await start([SPA]);
    const token = await server.issue({});
    const listed = await sut.inject({ method: 'GET', url: '/orders', headers: { origin: SPA, authorization: `Bearer ${token}` } });
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe(SPA);
    const refused = await sut.inject({ method: 'GET', url: '/orders', headers: { origin: SPA } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-expose-headers']).toContain('WWW-Authenticate');
  });

  it('gives another origin no CORS headers, so its browser keeps the answer from it', async () => {
    await start([SPA]);
    const response = await preflight('https://evil.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.statusCode).not.toBe(204);
  });

  it('sends no CORS headers at all by default', async () => {
    await start();
    const response = await preflight(SPA);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
