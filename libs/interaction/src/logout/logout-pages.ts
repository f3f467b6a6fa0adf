import { ClientContext, renderClientContext, renderSignedInAs } from '../http/client-context';
import { escapeHtml, htmlPage } from '../http/html';

export interface LogoutConfirmModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts under it. */
  pathPrefix: string;
  csrfToken: string;
  clientId?: string;
  postLogoutRedirectUri?: string;
  state?: string;
  /** The application that sent the person here, when the request names one. */
  client?: ClientContext;
  /** Who is signed in: the one this sign-out ends. */
  person?: { name?: string | null; username: string };
}

/** RP-Initiated Logout 1.0 §2: without proof the request comes from the session's RP, ask the person. */
export function renderLogoutConfirmPage(model: LogoutConfirmModel): string {
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? '' : `\n  <input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const context = model.client ? `${renderClientContext(model.client)}
` : '';
  const from = model.client
    ? ` <strong>${escapeHtml(model.client.clientName.trim() || model.client.clientId)}</strong> asks you to sign out.`
    : '';
  const body = `${context}<h1>Sign out?</h1>
${model.person ? `${renderSignedInAs(model.person)}
` : ''}<p>Do you want to sign out of this server?${from}</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/oauth2/logout/confirm">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">${hidden('client_id', model.clientId)}${hidden('post_logout_redirect_uri', model.postLogoutRedirectUri)}${hidden('state', model.state)}
  <button type="submit">Sign out</button>
</form>`;
  return htmlPage('Sign out?', body);
}

export interface SignedOutModel {
  pathPrefix: string;
  /** Front-Channel Logout 1.0 §3: the apps' logout pages, each loaded in an invisible iframe. */
  frames: readonly string[];
  /** Where to go once they loaded (the post_logout_redirect_uri with its state). */
  continueTo?: string;
}

export function renderSignedOutPage(model?: SignedOutModel): string {
  const status = '<h1>Signed out</h1><p role="status">You are signed out. You can close this window.</p>';
  if (!model || model.frames.length === 0) return htmlPage('Signed out', status);
  const frames = model.frames
    .map((src) => `\n<iframe src="${escapeHtml(src)}" class="frontchannel-logout" data-frontchannel-logout title="Signing out of an application"></iframe>`)
    .join('');
  const next = model.continueTo
    ? `\n<p><a href="${escapeHtml(model.continueTo)}" data-continue>Continue to the application</a></p>`
    : '';
  return htmlPage('Signed out', `${status}${next}${frames}`, next ? [`${model.pathPrefix}/assets/frontchannel-logout.js`] : []);
}
