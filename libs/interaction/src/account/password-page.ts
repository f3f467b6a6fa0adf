import { escapeHtml } from '../http/html';
import { AccountPageFrame, csrfField, renderAccountPage } from './account-layout';

export interface PasswordPageModel extends AccountPageFrame {
  csrfToken: string;
}

/** Current password, new password twice; the answer says what else the change does. */
export function renderPasswordPage(model: PasswordPageModel): string {
  const body = `<p>Changing your password signs you out of every other browser, and apps you use will ask you to sign in again.</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/account/password">
  ${csrfField(model.csrfToken)}
  <label for="current_password">Current password</label>
  <input id="current_password" name="current_password" type="password" autocomplete="current-password" required>
  <label for="new_password">New password</label>
  <input id="new_password" name="new_password" type="password" autocomplete="new-password" required>
  <label for="new_password_confirmation">New password again</label>
  <input id="new_password_confirmation" name="new_password_confirmation" type="password" autocomplete="new-password" required>
  <button type="submit">Change password</button>
</form>`;
  return renderAccountPage(model, '/password', 'Password', body);
}
