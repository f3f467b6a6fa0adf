import { translatorFor } from '../i18n/translator';
import { lockedMessage } from './locked-message';

describe(lockedMessage.name, () => {
  const lockEndingAt = (iso: string, secondsLeft: number) => ({ until: new Date(iso), secondsLeft });
  const en = translatorFor('en');
  const de = translatorFor('de');

  it('says in English when to try again, rounded up to the minute, and how far away that is', () => {
    expect(lockedMessage(lockEndingAt('2026-12-02T14:04:30.250Z', 12 * 60 - 30), en)).toBe(
      'Too many failed attempts: this account is temporarily locked. Try again after 14:05 UTC (in 12 minutes).',
    );
    expect(lockedMessage(lockEndingAt('2026-12-02T14:05:00.000Z', 3), en)).toContain('(in 1 minute)');
    expect(lockedMessage(lockEndingAt('2026-12-02T20:00:00.000Z', 3 * 3600), en)).toContain('after 20:00 UTC (in about 3 hours)');
  });

  it('says it in German, with the German plural and date', () => {
    expect(lockedMessage(lockEndingAt('2026-12-02T14:04:30.250Z', 12 * 60 - 30), de)).toBe(
      'Zu viele fehlgeschlagene Versuche: Dieses Konto ist vorübergehend gesperrt. Versuchen Sie es nach 14:05 UTC erneut (in 12 Minuten).',
    );
    expect(lockedMessage(lockEndingAt('2026-12-02T14:05:00.000Z', 3), de)).toContain('(in 1 Minute)');
    expect(lockedMessage(lockEndingAt('2026-12-04T10:00:00.000Z', 2 * 86400), de)).toContain('nach 04.12.2026 10:00 UTC erneut (in etwa 2 Tagen)');
  });
});
