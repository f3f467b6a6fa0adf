import type { AccountLock } from './login-throttle.service';

/**
 * What the login page says to a locked name: the moment to try again (rounded up to the minute, so trying
 * at that minute works) and how far away that is. The same words for every locked name, known or not.
 */
export function accountLockedMessage(lock: AccountLock): string {
  const minutes = Math.ceil(lock.secondsLeft / 60);
  const at = new Date(Math.ceil(lock.until.getTime() / 60_000) * 60_000);
  return `Too many failed attempts: this account is temporarily locked. Try again after ${clockTime(at, lock)} (${relative(minutes)}).`;
}

/** `14:05 UTC`, with the date in front when the lock lasts into another day. */
function clockTime(at: Date, lock: AccountLock): string {
  const iso = at.toISOString();
  const now = new Date(lock.until.getTime() - lock.secondsLeft * 1000);
  const sameDay = iso.slice(0, 10) === now.toISOString().slice(0, 10);
  return `${sameDay ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

function relative(minutes: number): string {
  if (minutes <= 1) return 'in 1 minute';
  if (minutes < 120) return `in ${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `in about ${hours} hours`;
  return `in about ${Math.round(hours / 24)} days`;
}
