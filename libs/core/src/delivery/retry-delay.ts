/** No retry waits longer than this by default, however many attempts failed. */
export const MAX_RETRY_DELAY_MS = 60 * 60_000;

/**
 * The wait before the next attempt after `failedAttempts` failures (from 1): `baseMs` doubled per failure,
 * capped at `maxMs`, of which the upper half is random so that receivers coming back from an outage are
 * not all retried in the same instant.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, random: () => number = Math.random, maxMs = MAX_RETRY_DELAY_MS): number {
  const exponent = Math.min(Math.max(failedAttempts, 1) - 1, 30);
  const ceiling = Math.min(baseMs * 2 ** exponent, maxMs);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
