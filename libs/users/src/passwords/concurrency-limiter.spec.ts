import { ConcurrencyLimiter, LimiterBusy } from './concurrency-limiter';

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

  const hold = () => {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    return { task: () => done, finish };
  };

  it('refuses at once a task that finds every slot taken and the queue full', async () => {
    const sut = new ConcurrencyLimiter(1, { maxQueue: 1 });
    const first = hold();
    const running = sut.run(first.task);
    const queued = sut.run(async () => 'queued');
    await expect(sut.run(async () => 'refused')).rejects.toEqual(new LimiterBusy('queue_full'));
    first.finish();
    await running;
    await expect(queued).resolves.toBe('queued');
  });

  it('refuses a task that waited longer than maxWaitMs, and serves the next one', async () => {
    const sut = new ConcurrencyLimiter(1, { maxWaitMs: 20 });
    const first = hold();
    const running = sut.run(first.task);
    const started = Date.now();
    await expect(sut.run(async () => 'late')).rejects.toEqual(new LimiterBusy('wait_timeout'));
    expect(Date.now() - started).toBeLessThan(1000);
    first.finish();
    await running;
    await expect(sut.run(async () => 'next')).resolves.toBe('next');
  });

  it('with maxQueue 0 runs only what fits in the slots', async () => {
    const sut = new ConcurrencyLimiter(2, { maxQueue: 0 });
    const a = hold();
    const b = hold();
    const running = [sut.run(a.task), sut.run(b.task)];
    await expect(sut.run(async () => 'third')).rejects.toBeInstanceOf(LimiterBusy);
    a.finish();
    b.finish();
    await Promise.all(running);
    await expect(sut.run(async () => 'after')).resolves.toBe('after');
  });
});
