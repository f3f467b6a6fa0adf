import type { OutgoingMail } from '../mail/mailer.service';

/** How long a verification link works. */
export const VERIFICATION_LINK_TTL_SECONDS = 24 * 3600;

/** The verification mail: the link, how long it lasts, and what to do if the person did not ask. */
export function verificationMail(to: string, link: string): OutgoingMail {
  return {
    to,
    subject: 'Verify your e-mail address',
    text: [
      'Someone asked to verify this address for their account.',
      '',
      'To confirm it is yours, open this link:',
      link,
      '',
      `The link works once, for ${VERIFICATION_LINK_TTL_SECONDS / 3600} hours.`,
      'If you did not ask for this, ignore this mail.',
    ].join('\n'),
  };
}
