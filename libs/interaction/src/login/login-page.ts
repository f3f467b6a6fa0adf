import { escapeHtml, htmlPage } from '../http/html';

export interface LoginPageModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts back under it. */
  pathPrefix: string;
  csrfToken: string;
  returnTo: string;
  username?: string;
  error?: string;
}

/** The sign-in form: labelled fields, one submit button, no script. */
export function renderLoginPage(model: LoginPageModel): string {
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  const body = `<h1>Sign in</h1>
${error}
<form method="post" action="${escapeHtml(model.pathPrefix)}/login">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required${model.username ? ` value="${escapeHtml(model.username)}"` : ' autofocus'}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required${model.username ? ' autofocus' : ''}>
  <button type="submit">Sign in</button>
</form>`;
  return htmlPage('Sign in', body);
}
