import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';
import { ADMIN_CLIENT_SECRET, ADMIN_PASSWORD } from '../support/test-server';

const KEY_ENCRYPTION_SECRET = 'openapi-test-key-encryption-secret-0123456789';

/** Every `properties` entry of the document whose name says it holds a credential, with where it is. */
function credentialProperties(node: unknown, path = '$'): Array<{ path: string; schema: Record<string, unknown> }> {
  if (node === null || typeof node !== 'object') return [];
  const found: Array<{ path: string; schema: Record<string, unknown> }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value && typeof value === 'object') {
      for (const [name, schema] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        if (/secret|password/i.test(name)) found.push({ path: `${path}.properties.${name}`, schema });
      }
    }
    found.push(...credentialProperties(value, `${path}.${key}`));
  }
  return found;
}

/**
 * The admin API description is public on purpose: it describes operations and schemas, which any client
 * of the open-source server can read anyway, and holds no secret. The operations themselves need a token.
 */
describe('GET /admin/v1/openapi.json is public and holds no secret', () => {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET });

  it('is served without a token, while the operations it describes need one', async () => {
    const response = await request<{ openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } }>(`${ctx.server.baseUrl}/admin/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toContain('/admin/v1/clients');
    expect(response.body.components.securitySchemes).toHaveProperty('bearer');
    expect((await request(`${ctx.server.baseUrl}/admin/v1/clients`)).status).toBe(401);
  });

  it('contains no configured or issued secret, no token, no key material, and no example of a credential', async () => {
    const registered = await ctx.admin.registerClient({ client_name: 'Secret holder', grant_types: ['client_credentials'], scope: 'reports:read' });
    const text = (await request(`${ctx.server.baseUrl}/admin/v1/openapi.json`)).text;
    for (const secret of [ADMIN_CLIENT_SECRET, ADMIN_PASSWORD, KEY_ENCRYPTION_SECRET, registered.client_secret!, ctx.admin.token]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/eyJ[\w-]{10,}|-----BEGIN|"d"\s*:/);
    const credentials = credentialProperties(JSON.parse(text));
    expect(credentials.length).toBeGreaterThan(0);
    for (const { path, schema } of credentials) {
      expect({ path, example: schema.example, examples: schema.examples, default: schema.default }).toEqual({ path, example: undefined, examples: undefined, default: undefined });
    }
  });
});
