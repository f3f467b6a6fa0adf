import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';

const CALLBACK = ['https://app.example.com/callback'];

/** Back-Channel Logout 1.0 §2.1-§2.2 and Front-Channel Logout 1.0 §2-§3: client metadata and discovery. */
describe('logout client metadata and discovery', () => {
  const ctx = useTestServer();

  it('discovery says both logout channels and their session ids are supported', async () => {
    const metadata = await request(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
    expect(metadata.body).toMatchObject({
      backchannel_logout_supported: true,
      backchannel_logout_session_supported: true,
      frontchannel_logout_supported: true,
      frontchannel_logout_session_supported: true,
    });
  });

  it('keeps the four fields through create, GET, PATCH and clearing; the session flags default to false', async () => {
    const plain = await ctx.admin.createClient({ redirect_uris: CALLBACK });
    expect(plain.body).toMatchObject({ backchannel_logout_session_required: false, frontchannel_logout_session_required: false });
    expect(plain.body).not.toHaveProperty('backchannel_logout_uri');
    expect(plain.body).not.toHaveProperty('frontchannel_logout_uri');

    const fields = {
      backchannel_logout_uri: 'https://app.example.com/bc-logout?tenant=1',
      backchannel_logout_session_required: true,
      frontchannel_logout_uri: 'http://localhost:8080/fc-logout',
      frontchannel_logout_session_required: true,
    };
    const created = await ctx.admin.createClient<{ client_id: string }>({ redirect_uris: CALLBACK, ...fields });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(fields);
    const id = created.body.client_id;
    expect((await ctx.admin.get(`/admin/v1/clients/${id}`)).body).toMatchObject(fields);

    const patched = await ctx.admin.send('PATCH', `/admin/v1/clients/${id}`, { client_name: 'Renamed' });
    expect(patched.body).toMatchObject({ client_name: 'Renamed', ...fields });

    const cleared = await ctx.admin.send('PATCH', `/admin/v1/clients/${id}`, { backchannel_logout_uri: null, frontchannel_logout_session_required: false });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('backchannel_logout_uri');
    expect(cleared.body).toMatchObject({ frontchannel_logout_uri: fields.frontchannel_logout_uri, frontchannel_logout_session_required: false });
  });

  it.each([
    ['a relative URI', 'backchannel_logout_uri', '/logout'],
    ['a fragment', 'backchannel_logout_uri', 'https://app.example.com/logout#x'],
    ['plain http to a public host', 'backchannel_logout_uri', 'http://app.example.com/logout'],
    ['a private-use scheme', 'frontchannel_logout_uri', 'com.example.app:/logout'],
    ['a javascript: URI', 'frontchannel_logout_uri', 'javascript:alert(1)'],
    ['user information', 'frontchannel_logout_uri', 'https://user:pw@app.example.com/logout'],
  ])('refuses %s as %s with invalid_client_metadata naming the field', async (_label, field, value) => {
    const response = await ctx.admin.createClient<{ error: string; fields: Record<string, string> }>({ redirect_uris: CALLBACK, [field]: value });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_client_metadata');
    expect(Object.keys(response.body.fields)).toEqual([field]);
  });

  it('refuses non-string URIs and non-boolean flags as bad requests, never a 500', async () => {
    for (const body of [{ backchannel_logout_uri: 42 }, { frontchannel_logout_uri: ['https://a.example.com'] }, { backchannel_logout_session_required: 'yes' }, { frontchannel_logout_session_required: 1 }]) {
      const response = await ctx.admin.createClient({ redirect_uris: CALLBACK, ...body });
      expect(response.status).toBe(400);
    }
  });
});
