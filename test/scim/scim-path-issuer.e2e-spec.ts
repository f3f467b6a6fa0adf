import { AdminApi } from '../support/admin';
import { request } from '../support/http';
import { freePort, startTestServer, TestServer } from '../support/test-server';
import { expectScimError, ScimClient, USER } from './scim-client';

const PREFIX = '/tenant-a';

describe('SCIM under an ISSUER with a path', () => {
  // Not useTestServer: ISSUER names a port picked before the server starts.
  let server: TestServer;
  let issuer: string;
  let scim: ScimClient;

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}${PREFIX}`;
    server = await startTestServer({ ISSUER: issuer, PORT: String(port) });
    const prefixed = { ...server, baseUrl: `${server.baseUrl}${PREFIX}` };
    scim = await ScimClient.register({ server: prefixed, admin: await AdminApi.connect(prefixed) });
  });

  afterAll(async () => server.close());

  it('serves /scim/v2 under the issuer path, with locations and errors there', async () => {
    const created = await scim.send('POST', '/Users', { schemas: [USER], userName: 'tenant@example.com' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${issuer}/scim/v2/Users/${created.body.id}`);
    expectScimError(await scim.get('/Users/nope'), 404);
    expectScimError(await scim.get('/NoSuchResource'), 404);
    // The root path is not the SCIM service of this issuer.
    const outside = await request(`${server.baseUrl}/scim/v2/Users`, { headers: { authorization: `Bearer ${scim.token}` } });
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
