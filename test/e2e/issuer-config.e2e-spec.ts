import { AppConfig } from '@app/core';
import { request } from '../support/http';
import { startTestServer } from '../support/test-server';
import { ensureBuilt, ServerProcess } from '../support/server-process';

// Its own file: passport strategies are process-wide, so each Jest file runs one server at a time.
describe('ISSUER configuration', () => {
  // Not useTestServer: only one test needs a server (with its own ISSUER); another starts a process that must refuse to start.
  it('uses ISSUER exactly as configured, without adding a slash, and serves it under its path', async () => {
    const custom = await startTestServer({ ISSUER: 'https://id.example.com/tenant-a' });
    try {
      const response = await request(`${custom.baseUrl}/tenant-a/.well-known/openid-configuration`);
      expect(response.body.issuer).toBe('https://id.example.com/tenant-a');
      expect(response.body.token_endpoint).toBe('https://id.example.com/tenant-a/oauth2/token');
    } finally {
      await custom.close();
    }
  });

  it.each([
    ['http://localhost:3000', ''],
    ['https://id.example.com/tenant-a', '/tenant-a'],
    ['https://id.example.com/tenants/acme.eu', '/tenants/acme.eu'],
  ])('serves the issuer %s under the path %p', (issuer, prefix) => {
    expect(new AppConfig({ ISSUER: issuer }).pathPrefix).toBe(prefix);
  });

  it.each(['https://id.example.com/tenant-a/', 'https://id.example.com/:tenant', 'https://id.example.com/a%20b', 'https://id.example.com/a//b'])(
    'refuses the issuer path of %s, which could not be served as advertised',
    (issuer) => {
      expect(() => new AppConfig({ ISSUER: issuer })).toThrow(/Invalid configuration: ISSUER path/);
    },
  );

  it.each(['https://id.example.com/', 'http://localhost:3000/'])('refuses %s: a trailing slash would give //oauth2/token', (issuer) => {
    expect(() => new AppConfig({ ISSUER: issuer })).toThrow(/Invalid configuration: ISSUER must not end with a slash/);
  });

  it.each([
    'https://id.example.com?',
    'https://id.example.com/?',
    'https://id.example.com/tenant-a?',
    'https://id.example.com/tenant-a?x=1',
    'https://id.example.com#',
    'https://id.example.com/tenant-a#top',
  ])('refuses %s: RFC 8414 forbids a query or fragment, even an empty one', (issuer) => {
    expect(() => new AppConfig({ ISSUER: issuer })).toThrow(/Invalid configuration: ISSUER must not contain a query or fragment/);
  });

  it('stops the server at start, with the configuration exit code, for an issuer with a trailing slash', async () => {
    ensureBuilt();
    const outcome = await ServerProcess.start({ ISSUER: 'https://id.example.com/', DATABASE_URL: '', DATA_DIR: ':memory:' }).then(
      async (server) => {
        await server.kill();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/server exited with 78: Invalid configuration: ISSUER must not end with a slash/);
  }, 120_000);
});
