import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let time = 1_000;
  const cache = () => new ExpiringCache<string | null>(100, 3, () => time);

  beforeEach(() => {
    time = 1_000;
  });

  it('returns a value until it expires, then forgets it', () => {
    const entries = cache();
    entries.set('a', 'A');
    time += 99;
    expect(entries.get('a')).toBe('A');
    time += 1;
    expect(entries.get('a')).toBeUndefined();
    expect(entries.size).toBe(0);
  });

  it('tells a cached null (known absent) from a miss', () => {
    const entries = cache();
    entries.set('gone', null);
    expect(entries.get('gone')).toBeNull();
    expect(entries.get('never')).toBeUndefined();
  });

  it('drops the oldest entry when full, and a re-set entry counts as new', () => {
    const entries = cache();
    entries.set('a', 'A');
    entries.set('b', 'B');
    entries.set('c', 'C');
    entries.set('a', 'A2');
    entries.set('d', 'D');
    expect(entries.get('b')).toBeUndefined();
    expect([entries.get('a'), entries.get('c'), entries.get('d')]).toEqual(['A2', 'C', 'D']);
  });

  it('deletes one entry or all', () => {
    const entries = cache();
    entries.set('a', 'A');
    entries.set('b', 'B');
    entries.delete('a');
    expect(entries.get('a')).toBeUndefined();
    entries.clear();
    expect(entries.get('b')).toBeUndefined();
  });
});
