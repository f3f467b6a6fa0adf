import { Controller, Get, Post, UseGuards } from '@nestjs/common';
import { type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AUDIENCE, FakeAuthorizationServer, JWKS_PATH } from '../../test/fake-authorization-server';
import { TokenVerifier } from '../verifier';
import type { VerifiedToken } from '../verified-token';
import { BearerAuthGuard } from './bearer-auth.guard';
import { BearerAuthException } from './bearer-auth.exception';
import { Public, RequireAuthentication, RequireScopes, TokenClaims, VerifiedAccessToken } from './decorators';
import { ResourceServerModule } from './resource-server.module';
import type { ResourceServerModuleOptions } from './resource-server.options';

@Controller('orders')
@RequireScopes('orders:read')
class OrdersController {
  @Get()
  list(@TokenClaims() claims: Record<string, unknown>, @TokenClaims('sub') subject: string) {
    return { subject, clientId: claims['client_id'] };
  }

  @Post()
  @RequireScopes('orders:write')
  create() {
    return { created: true };
  }

  @Post('refund')
  @RequireAuthentication({ acr: ['mfa'], maxAge: 300 })
  refund(@VerifiedAccessToken() verified: VerifiedToken) {
    return { acr: verified.acr, authTime: verified.authTime };
  }

  @Get('health')
  @Public()
  health(@TokenClaims() claims: unknown) {
    return { ok: true, claims: claims ?? null };
  }
}

@Controller('guarded')
@UseGuards(BearerAuthGuard)
class ExplicitlyGuardedController {
  @Get()
  read(@VerifiedAccessToken() verified: VerifiedToken) {
    return { scopes: verified.scopes, source: verified.source };
  }
}

@Controller('open')
class OpenController {
  @Get()
  read() {
    return { open: true };
  }
}

async function startApp(imports: unknown[], controllers: unknown[]): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: imports as never[],
    controllers: controllers as never[],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe(BearerAuthGuard.name, () => {
  let server: FakeAuthorizationServer;
  let options: ResourceServerModuleOptions;

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    options = {
      issuer: server.issuer,
      audience: AUDIENCE,
      mode: 'jwt',
      realm: 'orders',
      fetch: server.fetch,
      now: () => server.nowMs,
    };
  });

  describe('as a global guard on Fastify', () => {
    let app: NestFastifyApplication;

    beforeEach(async () => {
      app = await startApp([ResourceServerModule.forRoot(options)], [OrdersController]);
    });

    afterEach(async () => {
      await app.close();
    });

    async function get(url: string, authorization?: string, method: 'GET' | 'POST' = 'GET') {
      return app.inject({ method, url, headers: authorization === undefined ? {} : { authorization } });
    }

    it('lets a valid token with the required scope through and injects its claims', async () => {
      const response = await get('/orders', `Bearer ${await server.issue()}`);

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ subject: 'user-42', clientId: 'web-shop' });
    });

    it('answers 401 with a bare challenge when the token is missing', async () => {
      const response = await get('/orders');

      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="orders"');
      expect(response.json()).toEqual({ error_description: 'An access token is required' });
    });

    it('answers 401 invalid_token for an expired token', async () => {
      const token = await server.issue({ claims: { exp: server.nowSeconds - 120 } });

      const response = await get('/orders', `Bearer ${token}`);

      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="orders", error="invalid_token", error_description="The access token expired"',
      );
      expect(response.json()).toEqual({ error: 'invalid_token', error_description: 'The access token expired' });
    });

    it('answers 403 insufficient_scope when the handler needs a scope the token lacks', async () => {
      const response = await get('/orders', `Bearer ${await server.issue()}`, 'POST');

      expect(response.statusCode).toBe(403);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="orders", error="insufficient_scope", ' +
          'error_description="The access token is missing the required scope(s): orders:write", ' +
          'scope="orders:read orders:write"',
      );
      expect(response.json()).toEqual({
        error: 'insufficient_scope',
        error_description: 'The access token is missing the required scope(s): orders:write',
      });
    });

    it('RFC 9470: @RequireAuthentication answers a password-only token with 401 insufficient_user_authentication', async () => {
      const token = await server.issue({ claims: { acr: 'pwd', auth_time: server.nowSeconds - 10 } });

      const response = await get('/orders/refund', `Bearer ${token}`, 'POST');

      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        'Bearer realm="orders", error="insufficient_user_authentication", ' +
          'error_description="A stronger authentication is required", acr_values="mfa", max_age="300"',
      );
      expect(response.json()).toEqual({ error: 'insufficient_user_authentication', error_description: 'A stronger authentication is required' });
    });

    it('RFC 9470: @RequireAuthentication lets a recent mfa or phr token through, and refuses an old one', async () => {
      for (const acr of ['mfa', 'phr']) {
        const response = await get('/orders/refund', `Bearer ${await server.issue({ claims: { acr, auth_time: server.nowSeconds - 10 } })}`, 'POST');
        expect(response.statusCode).toBe(201);
        expect(response.json()).toEqual({ acr, authTime: server.nowSeconds - 10 });
      }
      const old = await get('/orders/refund', `Bearer ${await server.issue({ claims: { acr: 'mfa', auth_time: server.nowSeconds - 301 } })}`, 'POST');
      expect(old.statusCode).toBe(401);
      expect(old.headers['www-authenticate']).toContain('error_description="A more recent authentication is required"');
    });

    it('requires both class and handler scopes', async () => {
      const writeOnly = await server.issue({ claims: { scope: 'orders:write' } });
      const both = await server.issue({ claims: { scope: 'orders:read orders:write' } });

      expect((await get('/orders', `Bearer ${writeOnly}`, 'POST')).statusCode).toBe(403);
      expect((await get('/orders', `Bearer ${both}`, 'POST')).statusCode).toBe(201);
    });

    it('answers 400 invalid_request for a malformed Authorization header', async () => {
      const response = await get('/orders', 'Bearer two tokens');

      expect(response.statusCode).toBe(400);
      expect(response.headers['www-authenticate']).toContain('error="invalid_request"');
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    });

    it('answers 503 when the JWKS is unavailable', async () => {
      server.failures.set(JWKS_PATH, 500);

      const response = await get('/orders', `Bearer ${await server.issue()}`);

      expect(response.statusCode).toBe(503);
      expect(response.headers['www-authenticate']).toBeUndefined();
      expect(response.json()).toMatchObject({ error: 'temporarily_unavailable' });
    });

    it('skips @Public() routes', async () => {
      const response = await get('/orders/health');

      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true, claims: null });
    });

    it('exposes the TokenVerifier for injection', () => {
      expect(app.get(TokenVerifier)).toBeInstanceOf(TokenVerifier);
    });
  });

  describe('without the global guard', () => {
    it('protects only controllers using @UseGuards(BearerAuthGuard)', async () => {
      const app = await startApp(
        [ResourceServerModule.forRoot({ ...options, globalGuard: false })],
        [ExplicitlyGuardedController, OpenController],
      );
      try {
        expect((await app.inject({ method: 'GET', url: '/open' })).statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/guarded' })).statusCode).toBe(401);
        const ok = await app.inject({
          method: 'GET',
          url: '/guarded',
          headers: { authorization: `Bearer ${await server.issue()}` },
        });
        expect(ok.json()).toEqual({ scopes: ['orders:read', 'profile'], source: 'jwt' });
      } finally {
        await app.close();
      }
    });
  });

  describe('forRootAsync', () => {
    it('builds the options from a factory', async () => {
      const app = await startApp(
        [ResourceServerModule.forRootAsync({ useFactory: async () => ({ ...options, realm: 'async' }) })],
        [OrdersController],
      );
      try {
        const response = await app.inject({ method: 'GET', url: '/orders' });
        expect(response.statusCode).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer realm="async"');
      } finally {
        await app.close();
      }
    });

    it('fails at startup on unsafe options', async () => {
      await expect(
        startApp([ResourceServerModule.forRoot({ ...options, algorithms: ['HS256' as 'ES256'] })], [OrdersController]),
      ).rejects.toThrow(/HS256/);
    });
  });

  describe('with a node:http / Express style response and no HTTP adapter', () => {
    function contextFor(request: { headers: Record<string, string> }, response: unknown): ExecutionContext {
      return {
        getType: () => 'http',
        getHandler: () => OrdersController.prototype.create,
        getClass: () => OrdersController,
        switchToHttp: () => ({ getRequest: () => request, getResponse: () => response, getNext: () => undefined }),
      } as unknown as ExecutionContext;
    }

    it('sets the challenge header with setHeader and throws a BearerAuthException', async () => {
      const guard = new BearerAuthGuard(server.verifier({ mode: 'jwt' }), new Reflector(), options);
      const headers: Record<string, string> = {};
      const response = { setHeader: (name: string, value: string) => void (headers[name] = value) };

      const error = await guard
        .canActivate(contextFor({ headers: { authorization: `Bearer ${await server.issue()}` } }, response))
        .catch((reason: unknown) => reason);

      expect(error).toBeInstanceOf(BearerAuthException);
      expect((error as BearerAuthException).getStatus()).toBe(403);
      expect((error as BearerAuthException).getResponse()).toMatchObject({ error: 'insufficient_scope' });
      expect(headers['WWW-Authenticate']).toContain('scope="orders:read orders:write"');
    });

    it('refuses non-HTTP contexts unless public', async () => {
      const guard = new BearerAuthGuard(server.verifier({ mode: 'jwt' }), new Reflector(), options);
      const rpc = { ...contextFor({ headers: {} }, {}), getType: () => 'rpc' } as unknown as ExecutionContext;

      await expect(guard.canActivate(rpc)).resolves.toBe(false);
    });
  });
});

