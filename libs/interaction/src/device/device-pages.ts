import { ClientContext, renderClientContext, renderSignedInAs } from '../http/client-context';
import { decisionButtons, escapeHtml, htmlPage } from '../http/html';
import { renderScopeList } from '../http/scope-list';
import { pageTranslator } from '../i18n/page-context';

export interface CodeFormModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts back under it. */
  pathPrefix: string;
  csrfToken: string;
  userCode?: string;
  error?: string;
}

export interface ConfirmModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts back under it. */
  pathPrefix: string;
  csrfToken: string;
  /** Shown as XXXX-XXXX so the person can compare it with the device (RFC 8628 §5.4). */
  userCode: string;
  client: ClientContext;
  scopes: readonly string[];
  /** Plain words for the requested scopes that registered APIs describe. */
  scopeDescriptions?: ReadonlyMap<string, string>;
  person: { name?: string | null; username: string };
  /** The sign-in page, coming back to this code: "Not you?". */
  switchAccountHref: string;
}

const alert = (message?: string) => (message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : '');

/** Step 1: the person types the code their device shows. */
export function renderCodeForm(model: CodeFormModel): string {
  const t = pageTranslator();
  const value = model.userCode ? ` value="${escapeHtml(model.userCode)}"` : '';
  const body = `<h1>${escapeHtml(t.t('device.code.title'))}</h1>
${alert(model.error)}
<p>${escapeHtml(t.t('device.code.intro'))}</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/device">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <label for="user_code">${escapeHtml(t.t('device.code.label'))}</label>
  <input id="user_code" name="user_code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false"
         maxlength="32" placeholder="XXXX-XXXX" required autofocus${value}>
  <button type="submit">${escapeHtml(t.t('common.continue'))}</button>
</form>`;
  return htmlPage(t.t('device.code.title'), body);
}

/** Step 2: the person sees which application asks for what, and allows or denies. */
export function renderConfirm(model: ConfirmModel): string {
  const t = pageTranslator();
  const scopes = model.scopes.length
    ? renderScopeList(model.scopes, model.scopeDescriptions)
    : `<p>${escapeHtml(t.t('device.confirm.noScopes'))}</p>`;
  const name = model.client.clientName.trim() || model.client.clientId;
  const notYou = `<a href="${escapeHtml(model.switchAccountHref)}">${escapeHtml(t.t('device.confirm.notYou'))}</a>`;
  const body = `${renderClientContext(model.client)}
<h1>${escapeHtml(t.t('device.confirm.title'))}</h1>
<p>${t.html('device.confirm.intro', { client: name })}</p>
<p>${t.html('device.confirm.code', { code: model.userCode })}</p>
<p>${escapeHtml(t.t('device.confirm.asksFor'))}</p>
${scopes}
<form method="post" action="${escapeHtml(model.pathPrefix)}/device">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="user_code" value="${escapeHtml(model.userCode)}">
  ${decisionButtons()}
</form>
${renderSignedInAs(model.person, notYou)}`;
  return htmlPage(t.t('device.confirm.title'), body);
}

/** The end of the flow, or a stop: a title and one sentence. */
export function renderMessage(title: string, message: string, isError = false): string {
  const paragraph = isError ? alert(message) : `<p role="status">${escapeHtml(message)}</p>`;
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n${paragraph}`);
}
