import { ClientContext, renderClientContext, renderSignedInAs } from '../http/client-context';
import { escapeHtml, htmlPage } from '../http/html';
import { pageTranslator } from '../i18n/page-context';

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
  const t = pageTranslator();
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? '' : `\n  <input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const context = model.client ? `${renderClientContext(model.client)}
` : '';
  const from = model.client
    ? ` ${t.html('logout.confirm.from', { client: model.client.clientName.trim() || model.client.clientId })}`
    : '';
  const body = `${context}<h1>${escapeHtml(t.t('logout.confirm.title'))}</h1>
${model.person ? `${renderSignedInAs(model.person)}
` : ''}<p>${escapeHtml(t.t('logout.confirm.question'))}${from}</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/oauth2/logout/confirm">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">${hidden('client_id', model.clientId)}${hidden('post_logout_redirect_uri', model.postLogoutRedirectUri)}${hidden('state', model.state)}
  <button type="submit">${escapeHtml(t.t('logout.confirm.submit'))}</button>
</form>`;
  return htmlPage(t.t('logout.confirm.title'), body);
}

export interface SignedOutModel {
  pathPrefix: string;
  /** Front-Channel Logout 1.0 §3: the apps' logout pages, each loaded in an invisible iframe. */
  frames: readonly string[];
  /** Where to go once they loaded (the post_logout_redirect_uri with its state). */
  continueTo?: string;
}

export function renderSignedOutPage(model?: SignedOutModel): string {
  const t = pageTranslator();
  const title = t.t('logout.done.title');
  const status = `<h1>${escapeHtml(title)}</h1><p role="status">${escapeHtml(t.t('logout.done.text'))}</p>`;
  if (!model || model.frames.length === 0) return htmlPage(title, status);
  const frameTitle = escapeHtml(t.t('logout.done.frameTitle'));
  const frames = model.frames
    .map((src) => `\n<iframe src="${escapeHtml(src)}" class="frontchannel-logout" data-frontchannel-logout title="${frameTitle}"></iframe>`)
    .join('');
  const next = model.continueTo
    ? `\n<p><a href="${escapeHtml(model.continueTo)}" data-continue>${escapeHtml(t.t('logout.done.continue'))}</a></p>`
    : '';
  return htmlPage(title, `${status}${next}${frames}`, next ? [`${model.pathPrefix}/assets/frontchannel-logout.js`] : []);
}
