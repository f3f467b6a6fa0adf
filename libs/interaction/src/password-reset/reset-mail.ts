import type { Translator } from '../i18n/translator';
import type { OutgoingMail } from '../mail/mailer.service';

/**
 * The reset mail: the link, how long it lasts, and what to do if the person did not ask. Plain text only,
 * in the language of the page the request was made from (`t`, taken while that request was answered).
 */
export function resetMail(to: string, link: string, ttlSeconds: number, t: Translator): OutgoingMail {
  const lasts = ttlSeconds >= 120 ? t.t('reset.mail.minutes', { count: Math.floor(ttlSeconds / 60) }) : t.t('reset.mail.seconds', { count: ttlSeconds });
  return {
    to,
    language: t.locale,
    subject: t.t('reset.mail.subject'),
    text: [t.t('reset.mail.asked'), '', t.t('reset.mail.open'), link, '', t.t('reset.mail.lasts', { lasts }), t.t('reset.mail.ignore')].join('\n'),
  };
}
