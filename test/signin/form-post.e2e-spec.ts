import { useTestServer } from '../support/server-fixture';
import { BrowserSession, decodeEntities, PageResult, submitLogin } from '../support/browser-session';
import { authorize, authorizeWithPkce, CALLBACK, createPerson, decideConsent, redeemCode, RegisteredClient, registerWebClient } from '../support/sign-in';

/** The fields of a form_post page, after checking the page is one: status, headers, form and script. */
function formPostFields(page: PageResult): Record<string, string> {
  expect(page.status).toBe(200);
  expect(page.location).toBeUndefined();
  expect(page.headers.get('content-type')).toContain('text/html');
  expect(page.headers.get('cache-control')).toBe('no-store');
  const csp = page.headers.get('content-security-policy')!;
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain('form-action https://app.example.com;');
  expect(csp).not.toContain("form-action 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(page.text).toContain(`<form method="post" action="${CALLBACK}" data-auto-submit>`);
  expect(page.text).toContain('<script src="/assets/form-post.js"></script>');
  expect(page.text).toMatch(/<noscript>.*<button type="submit">Continue<\/button><\/noscript>/);
  // Our one script file, nothing inline.
  expect(page.text.match(/<script/g)).toHaveLength(1);
  const fields = [...page.text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)];
  return Object.fromEntries(fields.map(([, name, value]) => [decodeEntities(name), decodeEntities(value)]));
}

describe('OAuth 2.0 Form Post Response Mode', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let person: { id: string; username: string; password: string };

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { grant_types: ['authorization_code', 'implicit'] });
    person = await createPerson(ctx.admin);
  });

  it('§2: the code comes as an auto-submitting form under a strict CSP, and redeems', async () => {
    const { url, verifier } = authorizeWithPkce(client.client_id, { response_mode: 'form_post' });
    const page = await authorize(new BrowserSession(ctx.server.baseUrl), url, person);
    const fields = formPostFields(page);
    expect(Object.keys(fields).sort()).toEqual(['code', 'iss', 'state']);
    expect(fields.state).toBe('st-123');
    expect(fields.iss).toBe(ctx.server.config.issuer);
    const tokens = await redeemCode(ctx.server.baseUrl, client, fields.code, verifier);
    expect(tokens.status).toBe(200);
  });

  it('an ID Token (response_type=id_token) comes the same way', async () => {
    const { url } = authorizeWithPkce(client.client_id, { response_type: 'id_token', response_mode: 'form_post' });
    const fields = formPostFields(await authorize(new BrowserSession(ctx.server.baseUrl), url, person));
    expect(Object.keys(fields).sort()).toEqual(['id_token', 'iss', 'state']);
  });

  it('HTML-escapes every parameter it writes into the page', async () => {
    const state = `"><script>alert('x')</script>&amp;`;
    const { url } = authorizeWithPkce(client.client_id, { response_mode: 'form_post', state });
    const page = await authorize(new BrowserSession(ctx.server.baseUrl), url, person);
    expect(page.text).not.toContain("<script>alert('x')");
    expect(page.text).toContain('value="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;"');
    expect(formPostFields(page).state).toBe(state);
  });

  it('an error of a verified request is posted too, with state and iss', async () => {
    const page = await new BrowserSession(ctx.server.baseUrl).get(
      `/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: CALLBACK, scope: 'openid', state: 's-1', response_mode: 'form_post' })}`,
    );
    const fields = formPostFields(page);
    expect(fields).toMatchObject({ error: 'invalid_request', state: 's-1', iss: ctx.server.config.issuer });
    expect(fields.error_description).toContain('PKCE');
  });

  it('an error after sign-in (consent denied) keeps the request\'s response_mode', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const newcomer = await createPerson(ctx.admin);
    const { url } = authorizeWithPkce(client.client_id, { response_mode: 'form_post' });
    const login = await browser.follow(await browser.get(url));
    const consent = await browser.follow(await submitLogin(browser, login, newcomer.username, newcomer.password));
    const fields = formPostFields(await browser.follow(await decideConsent(browser, consent, 'deny')));
    expect(fields).toMatchObject({ error: 'access_denied', state: 'st-123' });
  });

  it('an unknown response_mode is invalid_request, sent in the default mode', async () => {
    const { url } = authorizeWithPkce(client.client_id, { response_mode: 'web_message' });
    const response = await new BrowserSession(ctx.server.baseUrl).get(url);
    expect(response.status).toBe(303);
    expect(new URL(response.location!).searchParams.get('error')).toBe('invalid_request');
  });

  it('response_mode=fragment is accepted for a code', async () => {
    const { url } = authorizeWithPkce(client.client_id, { response_mode: 'fragment' });
    const response = await authorize(new BrowserSession(ctx.server.baseUrl), url, person);
    const redirect = new URL(response.location!);
    expect(redirect.search).toBe('');
    expect(new URLSearchParams(redirect.hash.slice(1)).get('code')).toBeTruthy();
  });

  it('serves the submitting script as a cacheable script file', async () => {
    const response = await fetch(`${ctx.server.baseUrl}/assets/form-post.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('form[data-auto-submit]');
  });
});
