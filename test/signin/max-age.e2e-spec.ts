import { useTestServer } from '../support/server-fixture';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { authorizeWithPkce, callbackParams, createPerson, registerWebClient, RegisteredClient } from '../support/sign-in';

/**
 * OIDC Core §3.1.2.1 max_age, compared at millisecond precision: max_age=0 always asks for a new sign-in,
 * even right after one (the same second), and the sign-in made for the request then satisfies it.
 */
describe('max_age=0 means "sign in again"', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let person: { username: string; password: string };

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
    person = await createPerson(ctx.admin);
  });

  async function signedIn(): Promise<BrowserSession> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.get('/login');
    expect((await submitLogin(browser, login, person.username, person.password)).status).toBe(303);
    return browser;
  }

  it('asks for the password again right after a sign-in, every time', async () => {
    // Several tries, so that at least one request falls within the second of its sign-in.
    for (let attempt = 0; attempt < 5; attempt++) {
      const browser = await signedIn();
      const response = await browser.get(authorizeWithPkce(client.client_id, { max_age: '0' }).url);
      expect(response.status).toBe(303);
      expect(response.location).toMatch(/^\/login\?/);
    }
  });

  it('the sign-in made for the request satisfies it: the code follows', async () => {
    const browser = await signedIn();
    const login = await browser.follow(await browser.get(authorizeWithPkce(client.client_id, { max_age: '0' }).url));
    const result = await browser.follow(await submitLogin(browser, login, person.username, person.password));
    expect(callbackParams(result).get('code')).toBeTruthy();
  });

  it('max_age of an hour does not ask again right after a sign-in (control)', async () => {
    const browser = await signedIn();
    expect(callbackParams(await browser.get(authorizeWithPkce(client.client_id, { max_age: '3600' }).url)).get('code')).toBeTruthy();
  });
});
