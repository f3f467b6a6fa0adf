import type { RequestHandler } from 'express';
import { FakeAuthorizationServer, JWKS_PATH } from '../test/fake-authorization-server';
import { InsufficientScopeError, MissingTokenError } from './errors';
import {
  type AuthenticatedRequest,
  createBearerMiddleware,
  type RequestLike,
  type ResponseLike,
  verifyRequest,
} from './middleware';
import type { TokenVerifier } from './verifier';

class FakeResponse implements ResponseLike {
  statusCode = 200;
  headersSent = false;
  readonly headers: Record<string, string> = {};
  body: string | undefined;

  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  end(body?: string): this {
    this.body = body;
    this.headersSent = true;
    return this;
  }
}

/** Runs the middleware and resolves once it either called next or ended the response. */
function run(
  middleware: ReturnType<typeof createBearerMiddleware>,
  request: RequestLike,
): Promise<{ response: FakeResponse; nextCalls: unknown[][] }> {
  const response = new FakeResponse();
  const nextCalls: unknown[][] = [];
  return new Promise((resolve) => {
    const originalEnd = response.end.bind(response);
    response.end = (body?: string) => {
      originalEnd(body);
      resolve({ response, nextCalls });
      return response;
    };
    middleware(request, response, (...args: unknown[]) => {
      nextCalls.push(args);
      resolve({ response, nextCalls });
    });
  });
}

describe(createBearerMiddleware.name, () => {
  let server: FakeAuthorizationServer;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    verifier = server.verifier({ mode: 'jwt' });
  });

  it('has the Express RequestHandler shape', () => {
    const handler: RequestHandler = createBearerMiddleware(verifier);

    expect(typeof handler).toBe('function');
  });

  it('calls next and exposes req.auth for a valid token', async () => {
    const request: RequestLike = { headers: { authorization: `Bearer ${await server.issue()}` } };

    const { response, nextCalls } = await run(createBearerMiddleware(verifier, { scopes: ['orders:read'] }), request);

    expect(nextCalls).toEqual([[]]);
    expect(response.body).toBeUndefined();
    expect((request as AuthenticatedRequest).auth.subject).toBe('user-42');
  });

  it('answers 401 with a bare challenge when no token is sent', async () => {
    const { response, nextCalls } = await run(createBearerMiddleware(verifier, { realm: 'orders' }), { headers: {} });

    expect(nextCalls).toHaveLength(0);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer realm="orders"');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(response.body ?? '')).toEqual({ error_description: 'An access token is required' });
  });

  it('answers 401 invalid_token for a bad token', async () => {
    const token = await server.issue({ claims: { aud: 'https://elsewhere.example.test' } });

    const { response } = await run(createBearerMiddleware(verifier), { headers: { authorization: `Bearer ${token}` } });

    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="api", error="invalid_token", error_description="/);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ error: 'invalid_token' });
  });

  it('answers 403 insufficient_scope with the required scopes', async () => {
    const request = { headers: { authorization: `Bearer ${await server.issue()}` } };

    const { response } = await run(createBearerMiddleware(verifier, { scopes: ['orders:read', 'orders:write'] }), request);

    expect(response.statusCode).toBe(403);
    expect(response.headers['www-authenticate']).toContain('error="insufficient_scope"');
    expect(response.headers['www-authenticate']).toContain('scope="orders:read orders:write"');
    expect(JSON.parse(response.body ?? '').error_description).toContain('orders:write');
  });

  it('RFC 9470: answers 401 insufficient_user_authentication when the acr is too weak, and passes a strong one', async () => {
    const middleware = createBearerMiddleware(verifier, { authentication: { acr: ['mfa'] } });
    const weak = await run(middleware, { headers: { authorization: `Bearer ${await server.issue({ claims: { acr: 'pwd' } })}` } });

    expect(weak.response.statusCode).toBe(401);
    expect(weak.response.headers['www-authenticate']).toBe(
      'Bearer realm="api", error="insufficient_user_authentication", error_description="A stronger authentication is required", acr_values="mfa"',
    );
    expect(JSON.parse(weak.response.body ?? '')).toEqual({ error: 'insufficient_user_authentication', error_description: 'A stronger authentication is required' });

    const strongRequest: RequestLike = { headers: { authorization: `Bearer ${await server.issue({ claims: { acr: 'phr', amr: ['hwk', 'user', 'mfa'] } })}` } };
    const strong = await run(middleware, strongRequest);
    expect(strong.nextCalls).toEqual([[]]);
    expect((strongRequest as AuthenticatedRequest).auth).toMatchObject({ acr: 'phr', amr: ['hwk', 'user', 'mfa'] });
  });

  it('RFC 9470: max_age is measured with the configured clock against auth_time', async () => {
    const middleware = createBearerMiddleware(verifier, { authentication: { maxAge: 60 }, now: () => server.nowMs });
    const stale = await run(middleware, { headers: { authorization: `Bearer ${await server.issue({ claims: { auth_time: server.nowSeconds - 61 } })}` } });
    expect(stale.response.headers['www-authenticate']).toContain('max_age="60"');
    const fresh = await run(middleware, { headers: { authorization: `Bearer ${await server.issue({ claims: { auth_time: server.nowSeconds - 5 } })}` } });
    expect(fresh.nextCalls).toEqual([[]]);
  });

  it('answers 400 invalid_request for a malformed header', async () => {
    const { response } = await run(createBearerMiddleware(verifier), { headers: { authorization: 'Bearer a b' } });

    expect(response.statusCode).toBe(400);
    expect(response.headers['www-authenticate']).toContain('error="invalid_request"');
  });

  it('answers 503 when the keys cannot be fetched', async () => {
    server.failures.set(JWKS_PATH, 502);
    const request = { headers: { authorization: `Bearer ${await server.issue()}` } };

    const { response } = await run(createBearerMiddleware(verifier), request);

    expect(response.statusCode).toBe(503);
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  it('passes unexpected errors to next', async () => {
    const failure = new Error('boom');
    const broken = { verify: async () => Promise.reject(failure) } as unknown as TokenVerifier;

    const { nextCalls } = await run(createBearerMiddleware(broken), { headers: { authorization: 'Bearer x' } });

    expect(nextCalls).toEqual([[failure]]);
  });
});

describe(verifyRequest.name, () => {
  it('verifies and scope-checks a node:http or Fastify request', async () => {
    const server = await FakeAuthorizationServer.create();
    const verifier = server.verifier({ mode: 'jwt' });
    const request = { headers: { authorization: `Bearer ${await server.issue()}` } };

    await expect(verifyRequest(verifier, request, { scopes: ['profile'] })).resolves.toMatchObject({ subject: 'user-42' });
    await expect(verifyRequest(verifier, request, { scopes: ['admin'] })).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(verifyRequest(verifier, { headers: {} })).rejects.toBeInstanceOf(MissingTokenError);
  });
});
