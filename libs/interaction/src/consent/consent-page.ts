import { DECISION_BUTTONS, escapeHtml, htmlPage } from '../http/html';

const SCOPE_DESCRIPTIONS: Record<string, string> = {
  openid: 'Know who you are (your account identifier)',
  profile: 'See your name and username',
  email: 'See your e-mail address',
  offline_access: 'Keep access while you are not using it',
  groups: 'See the groups you are in',
  roles: 'See your roles',
};

export interface ConsentPageModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts back under it. */
  pathPrefix: string;
  clientName: string;
  scopes: readonly string[];
  requestId: string;
  csrfToken: string;
  username: string;
}

/** Asks the person whether the application may have the requested scopes; two submit buttons. */
export function renderConsentPage(model: ConsentPageModel): string {
  const items = model.scopes
    .map((scope) => {
      const description = SCOPE_DESCRIPTIONS[scope];
      return `<li>${description ? `${escapeHtml(description)} ` : ''}<code>${escapeHtml(scope)}</code></li>`;
    })
    .join('\n');
  const body = `<h1>Allow access?</h1>
<p><strong>${escapeHtml(model.clientName)}</strong> asks to:</p>
<ul class="scopes">${items || '<li>Sign you in</li>'}</ul>
<p>Signed in as <strong>${escapeHtml(model.username)}</strong>.</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/oauth2/consent">
  <input type="hidden" name="request" value="${escapeHtml(model.requestId)}">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  ${DECISION_BUTTONS}
</form>`;
  return htmlPage('Allow access?', body);
}
