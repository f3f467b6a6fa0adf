import type { OutgoingMail } from '../mail/mailer.service';

/** The reset mail: the link, how long it lasts, and what to do if the person did not ask. Plain text only. */
export function resetMail(to: string, link: string, ttlSeconds: number): OutgoingMail {
  const lasts = ttlSeconds >= 120 ? `${Math.floor(ttlSeconds / 60)} minutes` : `${ttlSeconds} seconds`;
  return {
    to,
    subject: 'Reset your password',
    text: [
      'Someone asked to reset the password of the account with this address.',
      '',
      'To choose a new password, open this link:',
      link,
      '',
      `The link works once, for ${lasts}.`,
      'If you did not ask for this, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}
