import type { MessageKey } from '../i18n/catalogues';
import { pageTranslator } from '../i18n/page-context';

/**
 * The confirmations shown after a change, named in the `done` query parameter of the redirect: the page
 * only ever shows these fixed texts, so a crafted link cannot put words on it.
 */
const NOTICES: Readonly<Record<string, MessageKey>> = {
  'password-changed': 'account.notice.passwordChanged',
  'session-ended': 'account.notice.sessionEnded',
  'other-sessions-ended': 'account.notice.otherSessionsEnded',
  'app-revoked': 'account.notice.appRevoked',
  'factor-renamed': 'account.notice.factorRenamed',
  'factor-removed': 'account.notice.factorRemoved',
  'verification-sent': 'account.notice.verificationSent',
  'verification-throttled': 'account.notice.verificationThrottled',
  'verification-failed': 'account.notice.verificationFailed',
  'verification-not-needed': 'account.notice.verificationNotNeeded',
};

/** The notice named by `done`, in the page's language. */
export function noticeFor(done: string | undefined): string | undefined {
  return done !== undefined && Object.hasOwn(NOTICES, done) ? pageTranslator().t(NOTICES[done]) : undefined;
}
