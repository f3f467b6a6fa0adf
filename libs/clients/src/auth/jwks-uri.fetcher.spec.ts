import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppConfig } from '@app/core';
import { FixedClock } from '../../../../test/support/fakes';
import { JwksFetchError, JwksUriFetcher } from './jwks-uri.fetcher';

const KEY = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'a' };

describe(JwksUriFetcher.name, () => {
  let server: Server;
  let base: string;
  let answer: { status: number; body: string; headers?: Record<string, string> };
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests++;
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    requests = 0;
    answer = { status: 200, body: JSON.stringify({ keys: [KEY] }) };
  });

  const fetcher = (allowPrivate: boolean, clock = new FixedClock()) =>
    new JwksUriFetcher(new AppConfig(allowPrivate ? { JWKS_URI_ALLOW_PRIVATE: 'true' } : {}), clock);

  describe('without JWKS_URI_ALLOW_PRIVATE', () => {
    it.each(['https://127.0.0.1/jwks', 'https://[::1]/jwks', 'https://10.0.0.1/jwks', 'https://169.254.169.254/latest'])('refuses the literal address in %s before connecting', async (uri) => {
      await expect(fetcher(false).keySet(uri)).rejects.toThrow(/non-public address/);
    });

    it('refuses a host name that resolves to loopback, in the lookup the socket connects with', async () => {
      await expect(fetcher(false).keySet(`https://localhost:${new URL(base).port}/jwks`)).rejects.toThrow(/resolves to the non-public address/);
      expect(requests).toBe(0);
    });

    it('refuses http', async () => {
      await expect(fetcher(false).keySet('http://keys.example.com/jwks')).rejects.toThrow(/not https/);
    });
  });

  describe('with JWKS_URI_ALLOW_PRIVATE (development)', () => {
    it('fetches the set, drops private keys, and serves it from the cache for five minutes', async () => {
      answer.body = JSON.stringify({ keys: [KEY, { ...KEY, kid: 'leaked', d: 'secret' }] });
      const clock = new FixedClock();
      const sut = fetcher(true, clock);
      await expect(sut.keySet(`${base}/jwks`)).resolves.toEqual({ keys: [KEY] });
      clock.advance(299);
      await sut.keySet(`${base}/jwks`);
      expect(requests).toBe(1);
      clock.advance(2);
      await sut.keySet(`${base}/jwks`);
      expect(requests).toBe(2);
    });

    it('shares one fetch between assertions arriving together', async () => {
      const sut = fetcher(true);
      const sets = await Promise.all([sut.keySet(`${base}/jwks`), sut.keySet(`${base}/jwks`), sut.keySet(`${base}/jwks`)]);
      expect(sets).toEqual([{ keys: [KEY] }, { keys: [KEY] }, { keys: [KEY] }]);
      expect(requests).toBe(1);
    });

    it('refetches for an unknown kid at most once a minute', async () => {
      const clock = new FixedClock();
      const sut = fetcher(true, clock);
      await sut.keySet(`${base}/jwks`);
      expect(sut.mayRefetch(`${base}/jwks`)).toBe(false);
      await sut.keySet(`${base}/jwks`, { stale: true });
      expect(requests).toBe(1);
      clock.advance(60);
      expect(sut.mayRefetch(`${base}/jwks`)).toBe(true);
      await sut.keySet(`${base}/jwks`, { stale: true });
      expect(requests).toBe(2);
    });

    it('does not follow redirects', async () => {
      answer = { status: 302, body: '', headers: { location: 'http://169.254.169.254/' } };
      await expect(fetcher(true).keySet(`${base}/jwks`)).rejects.toThrow(/answered 302/);
    });

    it('refuses an answer over 64 KiB, and one that is not a JWK Set', async () => {
      answer.body = JSON.stringify({ keys: [{ ...KEY, padding: 'x'.repeat(70 * 1024) }] });
      await expect(fetcher(true).keySet(`${base}/big`)).rejects.toThrow(/more than 65536 bytes/);
      answer.body = '<html>';
      await expect(fetcher(true).keySet(`${base}/html`)).rejects.toThrow(JwksFetchError);
      answer.body = JSON.stringify({ nokeys: true });
      await expect(fetcher(true).keySet(`${base}/empty`)).rejects.toThrow(/JWK Set/);
    });
  });
});
