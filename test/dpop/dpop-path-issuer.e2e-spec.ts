import { AdminApi } from '../support/admin';
import { basicAuth, postForm } from '../support/http';
import { DpopKey } from '../support/dpop';
import { freePort, startTestServer, TestServer } from '../support/test-server';

const PREFIX = '/tenant-a';

/** RFC 9449 §4.3: htu is the endpoint's public URL, the issuer's path included; the listening address is not it. */
describe('DPoP with an ISSUER that has a path', () => {
  let server: TestServer;
  let issuer: string;
  let admin: AdminApi;

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://localhost:${port}${PREFIX}`;
    server = await startTestServer({ ISSUER: issuer, PORT: String(port) });
    admin = await AdminApi.connect({ ...server, baseUrl: `${server.baseUrl}${PREFIX}` });
  });

  afterAll(async () => server.close());

  it('accepts a proof naming the issuer-implied token URL and refuses one naming the path without the prefix', async () => {
    const service = await admin.registerClient({ client_name: 'tenant service', grant_types: ['client_credentials'], scope: 'orders:read' });
    const key = await DpopKey.generate();
    const send = async (htu: string) =>
      postForm(`${server.baseUrl}${PREFIX}/oauth2/token`, { grant_type: 'client_credentials' }, {
        authorization: basicAuth(service.client_id, service.client_secret!),
        dpop: await key.proof('POST', htu),
      });
    expect((await send(`${issuer}/oauth2/token`)).body.token_type).toBe('DPoP');
    expect((await send(`${new URL(issuer).origin}/oauth2/token`)).body.error).toBe('invalid_dpop_proof');
    // The address the server listens on is not the public URL.
    expect((await send(`${server.baseUrl}${PREFIX}/oauth2/token`)).body.error).toBe('invalid_dpop_proof');
  });
});
