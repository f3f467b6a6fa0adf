import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';
import { rawRequest, RawResponse } from '../support/raw-http';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { createPerson } from '../support/sign-in';

/** Our error shape: `{"error":"invalid_request","error_description":"..."}`, never Fastify's or Node's `{"statusCode":...}`. */
function expectShaped(answer: { status: number; contentType: string | null | undefined; json: unknown }, status: number): void {
  expect({ status: answer.status, contentType: answer.contentType }).toEqual({ status, contentType: expect.stringContaining('application/json') });
  expect(answer.json).toEqual(expect.objectContaining({ error: 'invalid_request', error_description: expect.any(String) }));
  expect(answer.json).not.toHaveProperty('statusCode');
  expect(answer.json).not.toHaveProperty('message');
}

const fromRaw = (response: RawResponse) => ({ status: response.status, contentType: response.headers['content-type'], json: response.json });

function nestedObject(levels: number): string {
  return `${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}`;
}

function nestedArray(levels: number): string {
  return `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;
}

/**
 * Inputs that used to end in a 500, a hung connection or a framework-shaped error: every one gets a 4xx in
 * the server's own error shape (RFC 6749 §5.2 fields), and never a stack trace.
 */
describe('malformed input never ends in a 500 or a foreign error shape', () => {
  const ctx = useTestServer();

  describe('return_to with characters a Location header cannot carry', () => {
    it.each([
      ['/oauth2/authorize/resume?request=\u00e9', '/oauth2/authorize/resume?request=%C3%A9'],
      ['/caf\u00e9', '/caf%C3%A9'],
      ['/caf\u20ac', '/caf%E2%82%AC'],
      ['/\u65e5\u672c?q=\u20ac', '/%E6%97%A5%E6%9C%AC?q=%E2%82%AC'],
    ])('%s: a successful sign-in redirects to the percent-encoded path', async (returnTo, expected) => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(ctx.server.baseUrl);
      const page = await browser.get(`/login?return_to=${encodeURIComponent(returnTo)}`);
      expect(page.status).toBe(200);
      const result = await submitLogin(browser, page, person.username, person.password);
      expect({ status: result.status, location: result.location }).toEqual({ status: 303, location: expected });
      expect(browser.cookie('sid')).toBeDefined();
    });
  });

  describe('deeply nested JSON at the admin API', () => {
    it.each([
      ['/admin/v1/clients', 'client_name', nestedObject(10_000)],
      ['/admin/v1/clients', 'redirect_uris', nestedArray(10_000)],
      ['/admin/v1/users', 'username', nestedArray(3_000)],
      ['/admin/v1/apis', 'scopes', `[${nestedObject(5_000)}]`],
    ])('POST %s with %s nested thousands deep is invalid_request naming the field', async (path, field, value) => {
      const response = await request<{ error: string; error_description: string; fields: Record<string, string> }>(`${ctx.server.baseUrl}${path}`, {
        method: 'POST',
        headers: { ...ctx.admin.authorization, 'content-type': 'application/json' },
        body: `{"${field}":${value}}`,
      });
      expectShaped({ status: response.status, contentType: response.headers.get('content-type'), json: response.body }, 400);
      expect(response.body.error_description).toContain(field);
      expect(Object.keys(response.body.fields)).toEqual([field]);
    });

    it('a whole body that is an array nested thousands deep is invalid_request too', async () => {
      const response = await request(`${ctx.server.baseUrl}/admin/v1/clients`, {
        method: 'POST',
        headers: { ...ctx.admin.authorization, 'content-type': 'application/json' },
        body: nestedArray(10_000),
      });
      expect({ status: response.status, error: response.body.error }).toEqual({ status: 400, error: 'invalid_request' });
    });
  });

  describe("Fastify's own refusals", () => {
    const admin = (init: RequestInit) => request(`${ctx.server.baseUrl}/admin/v1/clients`, { method: 'POST', ...init, headers: { ...ctx.admin.authorization, ...init.headers } });

    it.each([
      ['a body over BODY_LIMIT is 413', { headers: { 'content-type': 'application/json' }, body: `{"client_name":"${'a'.repeat(70_000)}"}` }, 413],
      ['an unsupported content type is 415', { headers: { 'content-type': 'text/xml' }, body: '<client/>' }, 415],
      ['a JSON body that does not parse is 400', { headers: { 'content-type': 'application/json' }, body: '{"client_name":' }, 400],
      ['a JSON body with __proto__ is 400', { headers: { 'content-type': 'application/json' }, body: '{"__proto__":{"admin":true}}' }, 400],
    ])('%s', async (_name, init, status) => {
      const response = await admin(init as RequestInit);
      expectShaped({ status: response.status, contentType: response.headers.get('content-type'), json: response.body }, status);
    });

    it('a path parameter over the router limit is 414', async () => {
      const response = await request(`${ctx.server.baseUrl}/admin/v1/clients/${'a'.repeat(300)}`, { headers: ctx.admin.authorization });
      expectShaped({ status: response.status, contentType: response.headers.get('content-type'), json: response.body }, 414);
    });

    it('a path with a malformed percent sequence is 400', async () => {
      const response = await rawRequest(ctx.server.baseUrl, 'GET /oauth2/%%%jwks HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expectShaped(fromRaw(response), 400);
    });

    it('on a browser page, the same refusal is an HTML page', async () => {
      const response = await rawRequest(ctx.server.baseUrl, 'GET /login/%%% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status: 400, type: expect.stringContaining('text/html') });
    });
  });

  describe("Node's HTTP parser refusals, before any request exists", () => {
    it.each([
      ['headers over the size limit are 431', `GET /oauth2/jwks HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
      ['a query string over the size limit is 431', `GET /oauth2/authorize?state=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`, 431],
      ['a control character in a header value is 400', 'GET /oauth2/jwks HTTP/1.1\r\nHost: localhost\r\nX-Odd: a\x01b\r\n\r\n', 400],
      ['a raw non-ASCII byte in the path is 400', 'GET /login?return_to=/caf\xe9 HTTP/1.1\r\nHost: localhost\r\n\r\n', 400],
      ['Content-Length together with Transfer-Encoding is 400', 'POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
      ['a request line that is not HTTP is 400', 'HELLO\r\n\r\n', 400],
    ])('%s', async (_name, wire, status) => {
      const response = await rawRequest(ctx.server.baseUrl, Buffer.from(wire, 'latin1'));
      expectShaped(fromRaw(response), status);
    });

    it('the 431 is what an ordinary HTTP client sees too', async () => {
      const response = await request(`${ctx.server.baseUrl}/oauth2/jwks`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
      expectShaped({ status: response.status, contentType: response.headers.get('content-type'), json: response.body }, 431);
    });

    it('RFC 9112 §3.2: an HTTP/1.1 request without Host is 400 in our shape', async () => {
      const response = await rawRequest(ctx.server.baseUrl, 'GET /oauth2/jwks HTTP/1.1\r\nConnection: close\r\n\r\n');
      expectShaped(fromRaw(response), 400);
      const http10 = await rawRequest(ctx.server.baseUrl, 'GET /oauth2/jwks HTTP/1.0\r\n\r\n');
      expect(http10.status).toBe(200);
    });
  });

  describe('bytes that are not UTF-8 once percent-decoded', () => {
    it.each([
      ['GET', '/oauth2/authorize?response_type=code&client_id=%E9%ZZ&redirect_uri=%FF'],
      ['GET', '/login?return_to=%E9%ZZ&login_hint=%C3'],
      ['GET', '/device?user_code=%FF%FE'],
      ['GET', '/.well-known/openid-configuration?%FF=%FE'],
      ['POST', '/oauth2/token'],
      ['POST', '/oauth2/introspect'],
      ['POST', '/login'],
    ])('%s %s answers 4xx or 200, never 5xx', async (method, path) => {
      const response = await request(`${ctx.server.baseUrl}${path}`, {
        method,
        ...(method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=%FF%FE&token=%C3%28&username=%E9%ZZ&password=%80' } : {}),
      });
      expect(response.status).toBeLessThan(500);
      expect(response.text).not.toMatch(/\n\s+at |statusCode/);
    });
  });
});
