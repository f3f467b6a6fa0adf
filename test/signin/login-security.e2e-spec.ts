import { useTestServer } from '../support/server-fixture';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { createPerson } from '../support/sign-in';

describe('login page: who may sign in', () => {
  const ctx = useTestServer();

  async function attempt(username: string, password: string) {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const result = await submitLogin(browser, await browser.get('/login?return_to=/done'), username, password);
    return { result, signedIn: result.status === 303 && browser.cookie('sid') !== undefined };
  }

  it('a person created through the admin API can sign in at once', async () => {
    const person = await createPerson(ctx.admin);
    expect((await attempt(person.username, person.password)).signedIn).toBe(true);
  });

  it('a disabled person gets the same generic message as a wrong password', async () => {
    const person = await createPerson(ctx.admin);
    await ctx.admin.send('PATCH', `/admin/v1/users/${person.id}`, { disabled: true });
    const { result, signedIn } = await attempt(person.username, person.password);
    expect(signedIn).toBe(false);
    expect(result.status).toBe(401);
    expect(result.text).toContain('Invalid username or password');
  });

  it('disabling a person ends their sessions', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    await submitLogin(browser, await browser.get('/login'), person.username, person.password);
    expect((await ctx.admin.get<{ items: unknown[] }>(`/admin/v1/users/${person.id}/sessions`)).body.items).toHaveLength(1);
    await ctx.admin.send('PATCH', `/admin/v1/users/${person.id}`, { disabled: true });
    expect((await ctx.admin.get<{ items: unknown[] }>(`/admin/v1/users/${person.id}/sessions`)).body.items).toHaveLength(0);
  });

  it('locks an account after repeated failures: even the right password is refused, and the page says until when', async () => {
    const person = await createPerson(ctx.admin);
    for (let i = 0; i < 5; i++) expect((await attempt(person.username, 'wrong password!')).signedIn).toBe(false);
    const { result, signedIn } = await attempt(person.username, person.password);
    expect(signedIn).toBe(false);
    expect(result.status).toBe(401);
    expect(result.text).toMatch(/temporarily locked\. Try again after \d\d:\d\d UTC \(in 15 minutes\)/);
  });

  it('parallel guesses cannot slip past the limit', async () => {
    const person = await createPerson(ctx.admin);
    const browsers = await Promise.all(Array.from({ length: 12 }, async () => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      return { browser, page: await browser.get('/login') };
    }));
    // Twelve wrong guesses at once: each is counted before its password is checked.
    const results = await Promise.all(browsers.map(({ browser, page }, index) => submitLogin(browser, page, person.username, `guess-${index}-wrong`)));
    expect(results.every((result) => result.status === 401)).toBe(true);
    // The account is now locked: even the right password fails.
    const { result, signedIn } = await attempt(person.username, person.password);
    expect(signedIn).toBe(false);
    expect(result.text).toContain('temporarily locked');
  });

  it('usernames are unique regardless of case, and sign-in ignores case', async () => {
    const person = await createPerson(ctx.admin);
    const duplicate = await ctx.admin.send('POST', '/admin/v1/users', { username: person.username.toUpperCase(), password: 'another password' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('conflict');
    expect((await attempt(person.username.toUpperCase(), person.password)).signedIn).toBe(true);
  });

  it('a repeated form field is refused', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await browser.get('/login');
    const csrf = /name="csrf_token" value="([^"]+)"/.exec(page.text)![1];
    const result = await browser.post('/login', { csrf_token: csrf, return_to: '/', username: ['a', 'b'], password: 'whatever pw' });
    expect(result.status).toBe(401);
    expect(browser.cookie('sid')).toBeUndefined();
  });

  it('GET /login with a return_to to another site keeps the person here', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await browser.get('/login?return_to=https%3A%2F%2Fevil.example%2F');
    expect(page.text).toContain('name="return_to" value="/"');
  });
});
