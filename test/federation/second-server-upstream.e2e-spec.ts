import { DataSource } from 'typeorm';
import { AdminApi } from '../support/admin';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { onServer, registerOidcProvider } from '../support/federation';
import { useTestServer } from '../support/server-fixture';
import { createPerson, decideConsent } from '../support/sign-in';
import { freePort, startTestServer, TestServer } from '../support/test-server';

/** Another instance of this server as the upstream: our own OpenID Provider on both sides of federation. */
describe('sign-in through a second instance of this server as the upstream', () => {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'federation-second-server-secret-0123456789' });
  let partner: TestServer;
  let partnerAdmin: AdminApi;
  let person: { id: string; username: string; password: string };

  beforeAll(async () => {
    const port = await freePort();
    // The issuer names 127.0.0.1: the server under test fetches its discovery document and keys.
    partner = await startTestServer({ PORT: String(port), ISSUER: `http://127.0.0.1:${port}` });
    partnerAdmin = await AdminApi.connect(partner);
    await partnerAdmin.send('POST', '/admin/v1/groups', { name: 'partner-staff' });
    person = await createPerson(partnerAdmin, { email: 'lin@partner.example', name: 'Lin Partner', groups: ['partner-staff'] });
    const client = await partnerAdmin.registerClient({
      client_name: 'Meridian (federated sign-in)', redirect_uris: [`${ctx.server.config.issuer}/federation/partner/callback`],
      grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic', scope: 'openid profile email groups',
    });
    await ctx.admin.send('POST', '/admin/v1/groups', { name: 'partners' });
    await registerOidcProvider(ctx.admin, {
      name: 'partner', display_name: 'Partner Inc', issuer: partner.config.issuer, client_id: client.client_id, client_secret: client.client_secret,
      scopes: ['openid', 'profile', 'email', 'groups'], groups_claim: 'groups', group_mapping: { 'partner-staff': 'partners' },
    });
  }, 60_000);

  afterAll(async () => {
    await partner?.close();
  });

  it('signs in at the partner with its own login form, and comes back with an account here in the mapped group', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const start = await browser.get('/federation/partner/start?return_to=/');
    expect(start.status).toBe(303);
    expect(start.location!.startsWith(`${partner.config.issuer}/oauth2/authorize?`)).toBe(true);
    // The person's browser at the partner: its login page, then its consent page.
    const atPartner = new BrowserSession(partner.baseUrl);
    let page = await atPartner.follow(await atPartner.get(start.location!));
    expect(page.text).toContain('action="/login"');
    page = await atPartner.follow(await submitLogin(atPartner, page, person.username, person.password));
    if (page.status === 200 && page.text.includes('action="/oauth2/consent"')) page = await atPartner.follow(await decideConsent(atPartner, page, 'allow'));
    expect(page.status).toBe(303);
    const back = new URL(page.location!);
    // RFC 9207: the partner names itself in the response; the server under test checks it.
    expect(back.searchParams.get('iss')).toBe(partner.config.issuer);
    const callback = await browser.get(onServer(ctx.server, back.toString()));
    expect(callback.status).toBe(303);
    expect(callback.location).toBe('/');
    const [link]: Array<{ user_id: string; subject: string }> = await ctx.server.app.get(DataSource).query(`SELECT user_id, subject FROM federated_identities`);
    expect(link.subject).toBe(person.id);
    const here = await ctx.admin.get<{ email: string; name: string }>(`/admin/v1/users/${link.user_id}`);
    expect(here.body).toMatchObject({ email: 'lin@partner.example', name: 'Lin Partner' });
    const groups = await ctx.admin.get<{ items: Array<{ name: string }> }>(`/admin/v1/users/${link.user_id}/groups`);
    expect(groups.body.items.map((group) => group.name)).toEqual(['partners']);
  });
});
