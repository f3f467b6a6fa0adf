import { MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-delay';

describe(retryDelayMs.name, () => {
  it('doubles the ceiling with each failure, the lower half fixed and the upper half random', () => {
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(failures, 1000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(failures, 1000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect(retryDelayMs(3, 1000, () => 0.5)).toBe(3000);
  });

  it('never waits longer than the cap, even after many failures', () => {
    expect(retryDelayMs(40, 5000, () => 1)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(1000, 5000, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
  });

  it('treats a count below one as the first failure', () => {
    expect(retryDelayMs(0, 200, () => 1)).toBe(200);
  });

  it('takes a lower cap when given one', () => {
    expect(retryDelayMs(20, 1000, () => 1, 300_000)).toBe(300_000);
  });
});
