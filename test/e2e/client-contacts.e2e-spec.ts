import { useTestServer } from '../support/server-fixture';

const SERVICE = { client_name: 'Reports service', grant_types: ['client_credentials'], scope: 'reports:read' };

/** RFC 7591 §2: `contacts` are e-mail addresses of the people responsible for the client, bounded in number and length. */
describe('client metadata: contacts', () => {
  const ctx = useTestServer();
  beforeAll(() => ctx.admin.defineScopes(SERVICE.scope.split(' ')));

  it('accepts e-mail addresses and gives them back', async () => {
    const response = await ctx.admin.createClient<{ contacts: string[] }>({ ...SERVICE, contacts: ['ops@example.com', 'Ada.Lovelace+auth@mail.example.org'] });
    expect(response.status).toBe(201);
    expect(response.body.contacts).toEqual(['ops@example.com', 'Ada.Lovelace+auth@mail.example.org']);
  });

  it.each([
    ['a text that is not an address', ['call the front desk']],
    ['an address without a domain', ['ops@']],
    ['an address with a line break', ['ops@example.com\r\nBcc: all@example.com']],
    ['an address longer than 320 characters', [`${'a'.repeat(64)}@${'b'.repeat(300)}.example.com`]],
    ['a number', [42]],
    ['more than 20 addresses', Array.from({ length: 21 }, (_, i) => `ops${i}@example.com`)],
    ['a string instead of a list', 'ops@example.com'],
  ])('RFC 7591 §3.2.2: %s is invalid_client_metadata naming contacts', async (_case, contacts) => {
    const created = await ctx.admin.createClient<{ error: string; fields: Record<string, string> }>({ ...SERVICE, contacts });
    expect({ status: created.status, error: created.body.error }).toEqual({ status: 400, error: 'invalid_client_metadata' });
    expect(Object.keys(created.body.fields)).toEqual(['contacts']);
  });

  it('replacing or patching a client checks them the same way', async () => {
    const { client_id: clientId } = await ctx.admin.registerClient(SERVICE);
    for (const method of ['PUT', 'PATCH']) {
      const response = await ctx.admin.send<{ error: string }>(method, `/admin/v1/clients/${clientId}`, { ...SERVICE, contacts: ['not an address'] });
      expect({ method, status: response.status, error: response.body.error }).toEqual({ method, status: 400, error: 'invalid_client_metadata' });
    }
  });
});
