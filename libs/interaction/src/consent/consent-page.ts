import { ClientContext, renderClientContext, renderSignedInAs } from '../http/client-context';
import { decisionButtons, escapeHtml, htmlPage } from '../http/html';
import { renderScopeList } from '../http/scope-list';
import { pageTranslator } from '../i18n/page-context';

export interface ConsentPageModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts back under it. */
  pathPrefix: string;
  client: ClientContext;
  scopes: readonly string[];
  /** Plain words for the requested scopes that registered APIs describe. */
  scopeDescriptions?: ReadonlyMap<string, string>;
  requestId: string;
  csrfToken: string;
  person: { name?: string | null; username: string };
}

/**
 * Asks the person whether the application may have the requested scopes; two submit buttons. "Not you?"
 * is a form of its own (it changes the request), posted with the same CSRF token.
 */
export function renderConsentPage(model: ConsentPageModel): string {
  const t = pageTranslator();
  const name = model.client.clientName.trim() || model.client.clientId;
  const scopes = model.scopes.length
    ? renderScopeList(model.scopes, model.scopeDescriptions)
    : `<ul class="scopes"><li>${escapeHtml(t.t('consent.signInOnly'))}</li></ul>`;
  const hidden = `<input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">`;
  const notYou = `<form class="inline" method="post" action="${escapeHtml(model.pathPrefix)}/oauth2/consent/switch-account">
  ${hidden}
  <button type="submit" class="link">${escapeHtml(t.t('consent.notYou'))}</button>
</form>`;
  const body = `${renderClientContext(model.client)}
<h1>${escapeHtml(t.t('consent.title'))}</h1>
<p>${t.html('consent.asksTo', { client: name })}</p>
${scopes}
<form method="post" action="${escapeHtml(model.pathPrefix)}/oauth2/consent">
  ${hidden}
  ${decisionButtons()}
</form>
${renderSignedInAs(model.person, notYou)}`;
  return htmlPage(t.t('consent.title'), body);
}
