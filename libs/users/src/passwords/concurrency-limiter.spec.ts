import { ConcurrencyLimiter } from './concurrency-limiter';

describe(ConcurrencyLimiter.name, () => {
  it('never runs more than the limit at once and runs every task', async () => {
    const sut = new ConcurrencyLimiter(2);
    let running = 0;
    let peak = 0;
    const task = async (value: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return value;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((value) => sut.run(() => task(value))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('frees its slot when a task fails', async () => {
    const sut = new ConcurrencyLimiter(1);
    await expect(sut.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(sut.run(async () => 'next')).resolves.toBe('next');
  });
});
