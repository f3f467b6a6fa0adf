import type { DataSource } from 'typeorm';
import { FixedClock } from '../../../../test/support/fakes/fixed-clock';
import { DpopNonces } from './dpop-nonce.service';

/** The server_secrets table as two instances share it: the first insert wins, later ones change nothing. */
function sharedSecrets(): DataSource {
  const rows = new Map<string, string>();
  return {
    query: async (sql: string, params: string[]) => {
      if (sql.startsWith('INSERT')) {
        if (!rows.has(params[0])) rows.set(params[0], params[1]);
        return [];
      }
      return [{ value: rows.get(params[0]) }];
    },
  } as unknown as DataSource;
}

describe(DpopNonces.name, () => {
  it('RFC 9449 §8: two instances on one database issue and accept the same nonce', async () => {
    const database = sharedSecrets();
    const clock = new FixedClock();
    const [first, second] = [new DpopNonces(database, clock), new DpopNonces(database, clock)];
    const nonce = await first.current();
    expect(await second.acceptable()).toContain(nonce);
  });

  it('a nonce stays valid through the next window, then expires', async () => {
    const clock = new FixedClock();
    const sut = new DpopNonces(sharedSecrets(), clock);
    const nonce = await sut.current();
    clock.advance(300);
    expect(await sut.acceptable()).toContain(nonce);
    clock.advance(300);
    expect(await sut.acceptable()).not.toContain(nonce);
  });
});
