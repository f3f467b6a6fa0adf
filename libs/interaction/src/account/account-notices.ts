/**
 * The confirmations shown after a change, named in the `done` query parameter of the redirect: the page
 * only ever shows these fixed texts, so a crafted link cannot put words on it.
 */
const NOTICES: Readonly<Record<string, string>> = {
  'password-changed': 'Your password was changed. You were signed out of every other browser, and apps will ask you to sign in again.',
  'session-ended': 'The session was ended.',
  'other-sessions-ended': 'Every other session was ended.',
  'app-revoked': 'The app no longer has access. It will ask for your permission again next time.',
  'factor-renamed': 'The sign-in method was renamed.',
  'factor-removed': 'The sign-in method was removed.',
  'verification-sent': 'We sent a verification link to your e-mail address. It works once, for 24 hours.',
  'verification-throttled': 'You asked for several links within the hour. Use one of them, or try again later.',
  'verification-failed': 'The verification mail could not be sent. Try again later.',
  'verification-not-needed': 'There is no unverified address to verify.',
};

export function noticeFor(done: string | undefined): string | undefined {
  return done !== undefined && Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
}
