import { request } from '../support/http';
import { useTestServer } from '../support/server-fixture';

describe('CORS for browser apps on other origins', () => {
  const ctx = useTestServer();

  it('answers the preflight of the token endpoint without credentials', async () => {
    const response = await request(`${ctx.server.baseUrl}/oauth2/token`, {
      method: 'OPTIONS',
      headers: { origin: 'https://spa.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets a cross-origin page read discovery and error answers', async () => {
    const discovery = await request(`${ctx.server.baseUrl}/.well-known/openid-configuration`, { headers: { origin: 'https://spa.example.com' } });
    expect(discovery.headers.get('access-control-allow-origin')).toBe('*');
    const token = await request(`${ctx.server.baseUrl}/oauth2/token`, { method: 'POST', headers: { origin: 'https://spa.example.com', 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=x' });
    expect(token.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives the sign-in pages and the admin API no CORS headers', async () => {
    for (const path of ['/login', '/oauth2/authorize?client_id=x', '/admin/v1/clients']) {
      const response = await request(`${ctx.server.baseUrl}${path}`, { headers: { origin: 'https://evil.example.com' } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});
