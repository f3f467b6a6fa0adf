import { accountLockedMessage } from './account-locked-message';

describe(accountLockedMessage.name, () => {
  const lockEndingAt = (iso: string, secondsLeft: number) => ({ until: new Date(iso), secondsLeft });

  it('says when to try again, rounded up to the minute, and how far away that is', () => {
    expect(accountLockedMessage(lockEndingAt('2026-12-02T14:04:30.250Z', 12 * 60 - 30))).toBe(
      'Too many failed attempts: this account is temporarily locked. Try again after 14:05 UTC (in 12 minutes).',
    );
  });

  it('a lock ending on the minute keeps that minute', () => {
    expect(accountLockedMessage(lockEndingAt('2026-12-02T14:05:00.000Z', 900))).toContain('after 14:05 UTC (in 15 minutes)');
  });

  it('the last seconds read as one minute', () => {
    expect(accountLockedMessage(lockEndingAt('2026-12-02T14:05:00.000Z', 3))).toContain('(in 1 minute)');
  });

  it('long locks give the hours, and the date once the lock ends on another day', () => {
    expect(accountLockedMessage(lockEndingAt('2026-12-02T20:00:00.000Z', 3 * 3600))).toContain('after 20:00 UTC (in about 3 hours)');
    expect(accountLockedMessage(lockEndingAt('2026-12-04T10:00:00.000Z', 2 * 86400))).toContain('after 2026-12-04 10:00 UTC (in about 2 days)');
  });
});
