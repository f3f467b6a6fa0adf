import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { decodeJwt } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { authorizeUrl, pkce, redeemCode } from '../support/sign-in';

/** An app on 127.0.0.1: its callback, its front-channel logout page (recording each load) and its signed-out page. */
async function startApp(): Promise<{ app: Server; origin: string; logoutLoads: URL[] }> {
  const logoutLoads: URL[] = [];
  const app = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/fc') logoutLoads.push(url);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><title>${url.pathname}</title><h1>App ${url.pathname}</h1>`);
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  return { app, origin: `http://127.0.0.1:${(app.address() as AddressInfo).port}`, logoutLoads };
}

describeWithChromium('front-channel logout in Chromium', () => {
  const ctx = useTestServer();
  let browser: Browser;
  let app: Server;
  let origin: string;
  let logoutLoads: URL[];

  beforeAll(async () => {
    ({ app, origin, logoutLoads } = await startApp());
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  it("the signed-out page loads the app's logout page with iss and sid, then goes on to the post-logout redirect", async () => {
    const client = await ctx.admin.registerClient({
      client_name: 'Front-channel app',
      redirect_uris: [`${origin}/callback`],
      post_logout_redirect_uris: [`${origin}/signed-out`],
      frontchannel_logout_uri: `${origin}/fc`,
      frontchannel_logout_session_required: true,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      scope: 'openid profile',
      first_party: true,
    });
    await ctx.admin.send('POST', '/admin/v1/users', { username: 'fc-person', password: 'front channel password' });
    const page = await (await browser.newContext()).newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });

    const { verifier, challenge } = pkce();
    await page.goto(`${ctx.server.config.issuer}${authorizeUrl(client.client_id, { scope: 'openid profile', code_challenge: challenge, code_challenge_method: 'S256' }, `${origin}/callback`)}`);
    await page.getByLabel('Username').fill('fc-person');
    await page.getByLabel('Password').fill('front channel password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${origin}/callback?**`);
    const code = new URL(page.url()).searchParams.get('code')!;
    const idToken = (await redeemCode(ctx.server.baseUrl, client, code, verifier, `${origin}/callback`)).body.id_token!;
    const sid = decodeJwt(idToken).payload.sid;

    const logout = new URLSearchParams({ id_token_hint: idToken, post_logout_redirect_uri: `${origin}/signed-out`, state: 'after-fc' });
    await page.goto(`${ctx.server.config.issuer}/oauth2/logout?${logout.toString()}`);
    await page.waitForURL(`${origin}/signed-out?state=after-fc`);

    expect(logoutLoads.map((url) => Object.fromEntries(url.searchParams))).toEqual([{ iss: ctx.server.config.issuer, sid }]);
    expect(blocked).toEqual([]);
  }, 60_000);
});
