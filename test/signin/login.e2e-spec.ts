import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession, hiddenField, submitLogin } from '../support/browser-session';

describe('login page', () => {
  const ctx = useTestServer();

  it('shows an accessible form with a CSRF token and strict headers', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await browser.get('/login?return_to=/somewhere');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain('<label for="username">');
    expect(page.text).toContain('<label for="password">');
    expect(page.text.match(/<button/g)).toHaveLength(1);
    expect(hiddenField(page.text, 'return_to')).toBe('/somewhere');
    expect(hiddenField(page.text, 'csrf_token')).toMatch(/^[\w-]{43}$/);
    expect(browser.cookie('csrf')).toBeDefined();
  });

  it('signs the bootstrap admin in and redirects to return_to with a hardened session cookie', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await browser.get('/login?return_to=/next?x=1');
    const response = await fetch(`${ctx.server.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${browser.cookie('csrf')}` },
      body: new URLSearchParams({ csrf_token: hiddenField(page.text, 'csrf_token'), return_to: '/next?x=1', username: ADMIN_USERNAME.toUpperCase(), password: ADMIN_PASSWORD }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/next?x=1');
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('sid='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('sends an absolute or protocol-relative return_to to /', async () => {
    for (const target of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const page = await browser.get(`/login?return_to=${encodeURIComponent(target)}`);
      const result = await submitLogin(browser, page, ADMIN_USERNAME, ADMIN_PASSWORD);
      expect(result.status).toBe(303);
      expect(result.location).toBe('/');
    }
  });

  it('answers a wrong password and an unknown user with the same generic message', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const wrong = await submitLogin(browser, await browser.get('/login'), ADMIN_USERNAME, 'not the password');
    const unknown = await submitLogin(browser, await browser.get('/login'), 'nobody-here', 'not the password');
    for (const result of [wrong, unknown]) {
      expect(result.status).toBe(401);
      expect(result.text).toContain('Invalid username or password');
      expect(browser.cookie('sid')).toBeUndefined();
    }
  });

  it('refuses a submission without the CSRF token of this browser', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    await browser.get('/login');
    const other = new BrowserSession(ctx.server.baseUrl);
    const foreignToken = hiddenField((await other.get('/login')).text, 'csrf_token');
    const result = await browser.post('/login', { csrf_token: foreignToken, return_to: '/', username: ADMIN_USERNAME, password: ADMIN_PASSWORD });
    expect(result.status).toBe(403);
    expect(browser.cookie('sid')).toBeUndefined();
  });
});
