import { request } from '../support/http';
import { startTestServer } from '../support/test-server';

// Its own file: passport strategies are process-wide, so each Jest file runs one server at a time.
describe('ISSUER configuration', () => {
  it('uses ISSUER exactly as configured, without adding a slash', async () => {
    const custom = await startTestServer({ ISSUER: 'https://id.example.com/tenant-a' });
    try {
      const response = await request(`${custom.baseUrl}/.well-known/openid-configuration`);
      expect(response.body.issuer).toBe('https://id.example.com/tenant-a');
      expect(response.body.token_endpoint).toBe('https://id.example.com/tenant-a/oauth2/token');
    } finally {
      await custom.close();
    }
  });

});
