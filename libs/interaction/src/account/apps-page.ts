import { escapeHtml } from '../http/html';
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
  const action = `${escapeHtml(model.pathPrefix)}/account/apps/revoke`;
  const rows = model.apps.map((app) => `<tr><td>${escapeHtml(app.clientName)}</td>
  <td>${app.scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(' ') || 'sign you in'}</td>
  <td>${timeHtml(app.createdAt)}</td>
  <td><form method="post" action="${action}">
    ${csrfField(model.csrfToken)}
    <input type="hidden" name="client_id" value="${escapeHtml(app.clientId)}">
    <button type="submit" class="secondary" aria-label="Revoke access of ${escapeHtml(app.clientName)}">Revoke</button>
  </form></td></tr>`);
  const body = model.apps.length
    ? `<p>Apps you allowed to use your account. Revoking ends the access they hold now; they ask for your permission again next time.</p>
<table>
<thead><tr><th scope="col">App</th><th scope="col">May</th><th scope="col">Allowed</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
    : '<p>You have not allowed any app to use your account.</p>';
  return renderAccountPage(model, '/apps', 'Apps', body);
}
