import type { AccountLock } from '@app/users';
import type { Translator } from '../i18n/translator';

/**
 * What the login page says to a locked name, in the page's language: the moment to try again (rounded up
 * to the minute, so trying at that minute works) and how far away that is. The same words for every
 * locked name, known or not. The time is in UTC: the server knows no time zone of the person.
 */
export function lockedMessage(lock: AccountLock, t: Translator): string {
  const minutes = Math.ceil(lock.secondsLeft / 60);
  const at = new Date(Math.ceil(lock.until.getTime() / 60_000) * 60_000);
  return t.t('login.locked', { until: clockTime(at, lock, t.locale), wait: relative(minutes, t) });
}

/** `14:05 UTC`, with the date in front (as the locale writes it) when the lock lasts into another day. */
function clockTime(at: Date, lock: AccountLock, locale: string): string {
  const now = new Date(lock.until.getTime() - lock.secondsLeft * 1000);
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(at);
  const day = sameDay ? '' : `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(at)} `;
  return `${day}${time} UTC`;
}

function relative(minutes: number, t: Translator): string {
  if (minutes < 120) return t.t('login.locked.minutes', { count: Math.max(minutes, 1) });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t.t('login.locked.hours', { count: hours });
  return t.t('login.locked.days', { count: Math.round(hours / 24) });
}
