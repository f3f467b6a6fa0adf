import { decodeJwt, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { DpopKey } from '../support/dpop';
import { decide, DEVICE_GRANT, type DeviceClient, registerDeviceClient, signedInBrowser, startOk } from '../support/device';
import type { BrowserSession } from '../support/browser-session';

describe('DPoP with the device grant (RFC 9449 §5 at the token endpoint, any grant)', () => {
  const ctx = useTestServer();
  let client: DeviceClient;
  let browser: BrowserSession;
  let key: DpopKey;
  const tokenHtu = () => `${ctx.server.config.issuer}/oauth2/token`;

  beforeAll(async () => {
    client = await registerDeviceClient(ctx.admin, { grant_types: [DEVICE_GRANT, 'refresh_token'], scope: 'openid offline_access' });
    browser = await signedInBrowser(ctx.server);
    key = await DpopKey.generate();
  });

  const token = async (params: Record<string, string>, proofKey?: DpopKey) =>
    postForm(`${ctx.server.baseUrl}/oauth2/token`, { client_id: client.client_id, ...params }, proofKey ? { dpop: await proofKey.proof('POST', tokenHtu()) } : {});

  it('binds the device tokens to the proof key; the public client refreshes only with that key', async () => {
    const started = await startOk(ctx.server, client, { scope: 'openid offline_access' });
    expect((await decide(browser, started.user_code, 'allow')).status).toBe(200);
    const issued = await token({ grant_type: DEVICE_GRANT, device_code: started.device_code }, key);
    expect(issued.status).toBe(200);
    expect(issued.body.token_type).toBe('DPoP');
    expect(decodeJwt(issued.body.access_token as string).payload.cnf).toEqual({ jkt: key.jkt });

    const refresh = { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token as string };
    expect((await token(refresh, await DpopKey.generate())).body.error).toBe('invalid_grant');
    const renewed = await token(refresh, key);
    expect(renewed.status).toBe(200);
    expect(renewed.body.token_type).toBe('DPoP');
  });
});
