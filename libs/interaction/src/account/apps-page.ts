import { escapeHtml } from '../http/html';
import { pageTranslator } from '../i18n/page-context';
import { AccountPageFrame, csrfField, renderAccountPage, timeHtml } from './account-layout';

export interface AppListItem {
  clientId: string;
  clientName: string;
  scopes: readonly string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface AppsPageModel extends AccountPageFrame {
  csrfToken: string;
  apps: readonly AppListItem[];
}

/** The applications the person allowed, what each may do, and a Revoke button each. */
export function renderAppsPage(model: AppsPageModel): string {
  const t = pageTranslator();
  const action = `${escapeHtml(model.pathPrefix)}/account/apps/revoke`;
  const rows = model.apps.map((app) => `<tr><td>${escapeHtml(app.clientName)}</td>
  <td>${app.scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(' ') || escapeHtml(t.t('account.apps.signIn'))}</td>
  <td>${timeHtml(app.createdAt)}</td>
  <td><form method="post" action="${action}">
    ${csrfField(model.csrfToken)}
    <input type="hidden" name="client_id" value="${escapeHtml(app.clientId)}">
    <button type="submit" class="secondary" aria-label="${escapeHtml(t.t('account.apps.revokeLabel', { app: app.clientName }))}">${escapeHtml(t.t('account.apps.revoke'))}</button>
  </form></td></tr>`);
  const headers = (['account.apps.app', 'account.apps.may', 'account.apps.allowed', 'account.actions'] as const)
    .map((key) => `<th scope="col">${escapeHtml(t.t(key))}</th>`)
    .join('');
  const body = model.apps.length
    ? `<p>${escapeHtml(t.t('account.apps.intro'))}</p>
<table>
<thead><tr>${headers}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
    : `<p>${escapeHtml(t.t('account.apps.none'))}</p>`;
  return renderAccountPage(model, '/apps', t.t('account.section.apps'), body);
}
