import { pageTranslator } from '../i18n/page-context';

// The texts UserService gives its field errors; they are matched to say the same in the page's language.
const LENGTH = /^must be (\d+) to (\d+) characters$/;
const WRONG_CURRENT = 'is not your current password';
const TOO_MANY = 'too many attempts; try again later';

/**
 * A refused password change as a sentence about the form's fields, from the field errors of
 * UserService.changePassword or assertPassword. A reason not known here is shown as the service gave it.
 */
export function passwordProblem(fields: Readonly<Record<string, string>>): string {
  const t = pageTranslator();
  const current = fields.current_password;
  if (current === WRONG_CURRENT) return t.t('account.password.wrongCurrent');
  if (current === TOO_MANY) return t.t('account.password.tooManyAttempts');
  if (current) return t.t('account.password.currentRefused', { reason: current });
  const next = fields.password;
  const length = next ? LENGTH.exec(next) : null;
  if (length) return t.t('account.password.length', { min: Number(length[1]), max: Number(length[2]) });
  if (next) return t.t('account.password.newRefused', { reason: next });
  return t.t('account.password.failed');
}
