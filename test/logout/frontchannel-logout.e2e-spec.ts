import { BrowserSession } from '../support/browser-session';
import { useTestServer } from '../support/server-fixture';
import { createPerson, registerWebClient, RegisteredClient, signInToApp as signIn } from '../support/sign-in';
import { request } from '../support/http';

/** OpenID Connect Front-Channel Logout 1.0 §3-§4: the signed-out page loads each app's logout page. */
describe('front-channel logout', () => {
  const ctx = useTestServer();
  let withSession: RegisteredClient;
  let plain: RegisteredClient;
  let without: RegisteredClient;

  beforeAll(async () => {
    withSession = await registerWebClient(ctx.admin, {
      first_party: true,
      frontchannel_logout_uri: 'https://rp-one.example.com/fc-logout?tenant=a',
      frontchannel_logout_session_required: true,
    });
    plain = await registerWebClient(ctx.admin, { first_party: true, frontchannel_logout_uri: 'https://rp-two.example.net:8443/logout' });
    without = await registerWebClient(ctx.admin, { first_party: true });
  });

  const framesOf = (html: string) => [...html.matchAll(/<iframe src="([^"]+)"/g)].map((match) => match[1].replace(/&amp;/g, '&'));

  it('embeds an iframe per app of the session, with iss and sid where asked (§3), and allows only those frame origins', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { idToken, sid } = await signIn(browser, withSession, person);
    await signIn(browser, plain, person);
    await signIn(browser, without, person);

    const page = await browser.get(`/oauth2/logout?id_token_hint=${idToken}`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed out');
    const frames = framesOf(page.text).map((src) => new URL(src));
    expect(frames.map((url) => url.origin + url.pathname)).toEqual(['https://rp-one.example.com/fc-logout', 'https://rp-two.example.net:8443/logout']);
    expect(Object.fromEntries(frames[0].searchParams)).toEqual({ tenant: 'a', iss: ctx.server.config.issuer, sid });
    expect([...frames[1].searchParams.keys()]).toEqual([]);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-src https:\/\/rp-one\.example\.com https:\/\/rp-two\.example\.net:8443;/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('with a post_logout_redirect_uri: a link to it (state kept) and our script that follows it once the frames loaded', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { idToken } = await signIn(browser, withSession, person);

    const page = await browser.get(`/oauth2/logout?id_token_hint=${idToken}&post_logout_redirect_uri=${encodeURIComponent('https://app.example.com/signed-out')}&state=s-1`);

    expect(page.status).toBe(200);
    expect(page.text).toContain('<a href="https://app.example.com/signed-out?state=s-1" data-continue>');
    expect(page.text).toMatch(/<script src="\/assets\/frontchannel-logout\.js"><\/script>/);
    expect(page.text).not.toMatch(/<script>/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await request(`${ctx.server.baseUrl}/assets/frontchannel-logout.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('a session of apps without front-channel logout pages redirects at once, as before', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { idToken } = await signIn(browser, without, person);
    const page = await browser.get(`/oauth2/logout?id_token_hint=${idToken}&post_logout_redirect_uri=${encodeURIComponent('https://app.example.com/signed-out')}`);
    expect({ status: page.status, location: page.location }).toEqual({ status: 303, location: 'https://app.example.com/signed-out' });
    expect(page.headers.get('content-security-policy') ?? '').not.toContain('frame-src');
  });
});
