import { DataSource } from 'typeorm';
import { BrowserSession } from '../support/browser-session';
import { FakeUpstream } from '../support/fake-upstream';
import { registerOidcProvider } from '../support/federation';
import { useTestServer } from '../support/server-fixture';

const CLIENT_ID = 'meridian-single-use';

/** An upstream attempt completes once, even when its callback arrives twice at the same moment. */
describe('upstream sign-in attempts are single use', () => {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'federation-single-use-secret-0123456789' });
  let fake: FakeUpstream;

  beforeAll(async () => {
    fake = await FakeUpstream.start();
    await registerOidcProvider(ctx.admin, { name: 'fake', display_name: 'Fake IdP', issuer: fake.issuer, client_id: CLIENT_ID, client_secret: 's', groups_claim: null });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('two concurrent callbacks with one state: exactly one signs in', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const start = await browser.get('/federation/fake/start?return_to=/');
    const url = new URL(start.location!);
    const token = await fake.idToken(CLIENT_ID, url.searchParams.get('nonce')!);
    fake.tokenAnswer = () => ({ body: { access_token: 'a', token_type: 'Bearer', id_token: token } });
    const callback = `/federation/fake/callback?${new URLSearchParams({ code: 'c', state: url.searchParams.get('state')! })}`;
    const answers = await Promise.all([browser.get(callback), browser.get(callback), browser.get(callback)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 400, 400]);
    expect(fake.tokenRequests).toHaveLength(1);
    const rows: Array<{ used: boolean; hashed: boolean }> = await ctx.server.app.get(DataSource).query(
      `SELECT used_at IS NOT NULL AS used, state_hash <> $1 AS hashed FROM upstream_attempts`,
      [url.searchParams.get('state')],
    );
    // Stored by its digest, never the state itself; used once.
    expect(rows).toEqual([{ used: true, hashed: true }]);
  });

  it('an expired attempt is refused', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const start = await browser.get('/federation/fake/start?return_to=/');
    const state = new URL(start.location!).searchParams.get('state')!;
    await ctx.server.app.get(DataSource).query(`UPDATE upstream_attempts SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    const answer = await browser.get(`/federation/fake/callback?${new URLSearchParams({ code: 'c', state })}`);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('expired');
  });
});
