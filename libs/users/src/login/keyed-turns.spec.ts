import { KeyedTurns } from './keyed-turns';

describe(KeyedTurns.name, () => {
  it('runs one key’s work one at a time, in order, and other keys alongside', async () => {
    const turns = new KeyedTurns();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = turns.run('a', async () => {
      log.push('a1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('a1 end');
    });
    const second = turns.run('a', async () => void log.push('a2'));
    const other = turns.run('b', async () => void log.push('b1'));
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('goes on after a failed turn, passes the failure to its caller, and forgets idle keys', async () => {
    const turns = new KeyedTurns();
    await expect(turns.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(turns.run('a', async () => 42)).resolves.toBe(42);
    await new Promise((resolve) => setImmediate(resolve));
    expect(turns.size).toBe(0);
  });
});
