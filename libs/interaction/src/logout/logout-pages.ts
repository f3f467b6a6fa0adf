import { escapeHtml, htmlPage } from '../http/html';

export interface LogoutConfirmModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts under it. */
  pathPrefix: string;
  csrfToken: string;
  clientId?: string;
  postLogoutRedirectUri?: string;
  state?: string;
}

/** RP-Initiated Logout 1.0 §2: without proof the request comes from the session's RP, ask the person. */
export function renderLogoutConfirmPage(model: LogoutConfirmModel): string {
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? '' : `\n  <input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const body = `<h1>Sign out?</h1>
<p>Do you want to sign out of this server?</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/oauth2/logout/confirm">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">${hidden('client_id', model.clientId)}${hidden('post_logout_redirect_uri', model.postLogoutRedirectUri)}${hidden('state', model.state)}
  <button type="submit">Sign out</button>
</form>`;
  return htmlPage('Sign out?', body);
}

export function renderSignedOutPage(): string {
  return htmlPage('Signed out', '<h1>Signed out</h1><p role="status">You are signed out. You can close this window.</p>');
}
