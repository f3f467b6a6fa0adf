import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AUDIENCE, FakeAuthorizationServer, JWKS_PATH, LOGOUT_CLIENT_ID } from '../../test/fake-authorization-server';
import type { LogoutEvent } from '../logout/backchannel-logout-handler';
import { BackchannelLogoutModule } from './backchannel-logout.module';
import { ResourceServerModule } from './resource-server.module';

@Controller('orders')
class ProtectedController {
  @Get()
  list() {
    return [];
  }
}

@Injectable()
class SessionStore {
  readonly ended: LogoutEvent[] = [];
}

@Module({ providers: [SessionStore], exports: [SessionStore] })
class SessionModule {}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe(BackchannelLogoutModule.name, () => {
  let server: FakeAuthorizationServer;
  let app: NestFastifyApplication;
  let calls: LogoutEvent[];
  let failNext: boolean;

  async function start(imports: unknown[]): Promise<NestFastifyApplication> {
    const moduleRef = await Test.createTestingModule({ imports: imports as never[], controllers: [ProtectedController] }).compile();
    const started = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await started.init();
    await started.getHttpAdapter().getInstance().ready();
    return started;
  }

  const post = (payload: string, headers: Record<string, string> = FORM, url = '/backchannel-logout') =>
    app.inject({ method: 'POST', url, headers, payload });
  const form = (token: string) => new URLSearchParams({ logout_token: token }).toString();

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    calls = [];
    failNext = false;
    const shared = { issuer: server.issuer, fetch: server.fetch, now: () => server.nowMs };
    app = await start([
      ResourceServerModule.forRoot({ ...shared, audience: AUDIENCE, mode: 'jwt' }),
      BackchannelLogoutModule.register({
        ...shared,
        clientId: LOGOUT_CLIENT_ID,
        onLogout: (event) => {
          if (failNext) {
            failNext = false;
            throw new Error('session store down');
          }
          calls.push(event);
        },
      }),
    ]);
  });

  afterEach(async () => {
    await app.close();
  });

  it('§2.8: answers 200 with Cache-Control no-store, calls onLogout once, and is not behind the bearer guard', async () => {
    const response = await post(form(await server.issueLogout({ claims: { jti: 'j-1' } })));
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toBe('');
    expect(calls).toEqual([{ sub: 'user-42', sid: 'session-7', jti: 'j-1' }]);
    expect((await app.inject({ method: 'GET', url: '/orders' })).statusCode).toBe(401);
  });

  it('§2.6: refuses a replayed token with 400 invalid_request and does not call onLogout again', async () => {
    const body = form(await server.issueLogout());
    expect((await post(body)).statusCode).toBe(200);
    const replay = await post(body);
    expect(replay.statusCode).toBe(400);
    expect(replay.headers['cache-control']).toBe('no-store');
    expect(replay.json()).toEqual({ error: 'invalid_request', error_description: 'The logout token was already used' });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['no logout_token', 'other=1', FORM],
    ['an empty logout_token', 'logout_token=', FORM],
    ['two logout_tokens', 'logout_token=a&logout_token=b', FORM],
    ['a JSON body', JSON.stringify({ logout_token: 'x' }), { 'content-type': 'application/json' }],
  ])('§2.5: answers 400 invalid_request to %s', async (_label, payload, headers) => {
    const response = await post(payload, headers);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'The request must be a form with one logout_token' });
    expect(calls).toHaveLength(0);
  });

  it('§2.8: answers 400 invalid_request naming the failed check for an invalid token', async () => {
    const response = await post(form(await server.issueLogout({ claims: { nonce: 'n' } })));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'invalid_request', error_description: 'The logout token must not contain a nonce' });
    const accessToken = await post(form(await server.issue()));
    expect(accessToken.json()).toEqual({ error: 'invalid_request', error_description: 'The token is not a logout token' });
  });

  it('§2.8: answers 400 server_error when onLogout throws, and accepts the provider retrying the same token', async () => {
    const body = form(await server.issueLogout({ claims: { jti: 'retry' } }));
    failNext = true;
    const failed = await post(body);
    expect(failed.statusCode).toBe(400);
    expect(failed.json()).toEqual({ error: 'server_error', error_description: 'The session could not be ended' });
    expect((await post(body)).statusCode).toBe(200);
    expect(calls).toEqual([{ sub: 'user-42', sid: 'session-7', jti: 'retry' }]);
  });

  it('answers 400 temporarily_unavailable when the JWKS cannot be fetched', async () => {
    server.failures.set(JWKS_PATH, 500);
    const response = await post(form(await server.issueLogout()));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('answers 400 server_error, not 500, when the replay store fails', async () => {
    await app.close();
    const replayStore = { remember: () => Promise.reject(new Error('store down')), forget: () => undefined };
    app = await start([
      BackchannelLogoutModule.register({ issuer: server.issuer, clientId: LOGOUT_CLIENT_ID, fetch: server.fetch, now: () => server.nowMs, replayStore, onLogout: () => undefined }),
    ]);
    const response = await post(form(await server.issueLogout()));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'server_error', error_description: 'The logout token could not be processed' });
  });

  it('registerAsync: takes the path and builds options with injected providers', async () => {
    await app.close();
    app = await start([
      BackchannelLogoutModule.registerAsync({
        path: 'oidc/logout',
        imports: [SessionModule],
        inject: [SessionStore],
        useFactory: (store: SessionStore) => ({
          issuer: server.issuer,
          clientId: LOGOUT_CLIENT_ID,
          fetch: server.fetch,
          now: () => server.nowMs,
          onLogout: (event: LogoutEvent) => void store.ended.push(event),
        }),
      }),
    ]);
    const response = await post(form(await server.issueLogout({ omit: ['sid'], claims: { jti: 'a-1' } })), FORM, '/oidc/logout');
    expect(response.statusCode).toBe(200);
    expect(app.get(SessionStore).ended).toEqual([{ sub: 'user-42', sid: undefined, jti: 'a-1' }]);
    expect((await post('logout_token=x')).statusCode).toBe(404);
  });
});
