import { pageTranslator } from '../i18n/page-context';
import type { OutgoingMail } from '../mail/mailer.service';

/** How long a verification link works. */
export const VERIFICATION_LINK_TTL_SECONDS = 24 * 3600;

/**
 * The verification mail: the link, how long it lasts, and what to do if the person did not ask; in the
 * language of the account page it was asked for from (sent while that request is answered).
 */
export function verificationMail(to: string, link: string): OutgoingMail {
  const t = pageTranslator();
  return {
    to,
    language: t.locale,
    subject: t.t('verification.mail.subject'),
    text: [
      t.t('verification.mail.asked'),
      '',
      t.t('verification.mail.open'),
      link,
      '',
      t.t('verification.mail.lasts', { hours: VERIFICATION_LINK_TTL_SECONDS / 3600 }),
      t.t('verification.mail.ignore'),
    ].join('\n'),
  };
}
