import { basicAuth, postForm, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { DpopKey } from '../support/dpop';
import { RegisteredClient, TokenSet } from '../support/sign-in';

describe('DPoP server nonces (RFC 9449 §8) with DPOP_NONCE=true', () => {
  const ctx = useTestServer({ DPOP_NONCE: 'true' });
  let service: RegisteredClient;
  let key: DpopKey;
  const tokenHtu = () => `${ctx.server.config.issuer}/oauth2/token`;

  beforeAll(async () => {
    service = await ctx.admin.registerClient({ client_name: 'nonce service', grant_types: ['client_credentials'], scope: 'orders:read' });
    key = await DpopKey.generate();
  });

  const clientCredentials = async (nonce?: string) =>
    postForm<TokenSet>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, {
      authorization: basicAuth(service.client_id, service.client_secret!),
      dpop: await key.proof('POST', tokenHtu(), { nonce }),
    });

  it('§8.1: a proof without a nonce gets use_dpop_nonce and a DPoP-Nonce; resent with it, it succeeds', async () => {
    const first = await clientCredentials();
    expect(first.status).toBe(400);
    expect(first.body.error).toBe('use_dpop_nonce');
    const nonce = first.headers.get('dpop-nonce');
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const second = await clientCredentials(nonce!);
    expect(second.status).toBe(200);
    expect(second.body.token_type).toBe('DPoP');
  });

  it('a nonce the server did not issue is refused the same way', async () => {
    const response = await clientCredentials('made-up-nonce');
    expect(response.body.error).toBe('use_dpop_nonce');
    expect(response.headers.get('dpop-nonce')).toBeTruthy();
  });

  it('§8.2 / §9: userinfo answers 401 with a use_dpop_nonce DPoP challenge and the nonce', async () => {
    const response = await request(`${ctx.server.baseUrl}/oauth2/userinfo`, {
      headers: { authorization: 'DPoP some-token', dpop: await key.proof('GET', `${ctx.server.config.issuer}/oauth2/userinfo`, { accessToken: 'some-token' }) },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^DPoP error="use_dpop_nonce"/);
    expect(response.headers.get('dpop-nonce')).toBeTruthy();
  });
});
