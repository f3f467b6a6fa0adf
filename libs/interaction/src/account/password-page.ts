import { escapeHtml } from '../http/html';
import { pageTranslator } from '../i18n/page-context';
import { AccountPageFrame, csrfField, renderAccountPage } from './account-layout';

export interface PasswordPageModel extends AccountPageFrame {
  csrfToken: string;
}

/** Current password, new password twice; the answer says what else the change does. */
export function renderPasswordPage(model: PasswordPageModel): string {
  const t = pageTranslator();
  const body = `<p>${escapeHtml(t.t('account.password.intro'))}</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/account/password">
  ${csrfField(model.csrfToken)}
  <label for="current_password">${escapeHtml(t.t('account.password.current'))}</label>
  <input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
  <label for="new_password">${escapeHtml(t.t('account.password.new'))}</label>
  <input id="new_password" name="new_password" type="password" autocomplete="new-password" required>
  <label for="new_password_confirmation">${escapeHtml(t.t('account.password.again'))}</label>
  <input id="new_password_confirmation" name="new_password_confirmation" type="password" autocomplete="new-password" required>
  <button type="submit">${escapeHtml(t.t('account.password.submit'))}</button>
</form>`;
  return renderAccountPage(model, '/password', t.t('account.section.password'), body);
}
