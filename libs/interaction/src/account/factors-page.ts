import type { FactorView } from '@app/users';
import { escapeHtml } from '../http/html';
import { AccountPageFrame, csrfField, renderAccountPage, timeHtml } from './account-layout';

export interface FactorsPageModel extends AccountPageFrame {
  csrfToken: string;
  factors: readonly FactorView[];
  /** The sign-in is recent (and multi-factor) enough for changes; otherwise the person confirms it is them first. */
  fresh: boolean;
}

const TYPE_NAMES: Readonly<Record<FactorView['type'], string>> = { passkey: 'Passkey or security key', totp: 'Authenticator app' };

/** The person's passkeys and authenticator apps, each renamable and removable, and links to add one. */
export function renderFactorsPage(model: FactorsPageModel): string {
  const account = `${model.pathPrefix}/account`;
  const addLink = (type: string, text: string) =>
    `<a class="button" href="${escapeHtml(`${account}/factors/${type}/new?${new URLSearchParams({ return_to: `${account}/factors` })}`)}">${text}</a>`;
  const rows = model.factors.map((factor) => factorRow(factor, `${escapeHtml(account)}/factors`, model.csrfToken)).join('\n');
  const list = model.factors.length
    ? `<table>
<thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Added</th><th scope="col">Last used</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p>You sign in with your password only. Add a passkey or an authenticator app to protect your account with a second factor.</p>';
  const freshness = model.fresh ? '' : '<p><small>To add, rename or remove a sign-in method you will be asked to confirm it is you first.</small></p>\n';
  const body = `${list}
${freshness}<ul>
  <li>${addLink('passkey', 'Add a passkey')}</li>
  <li>${addLink('totp', 'Add an authenticator app')}</li>
</ul>`;
  return renderAccountPage(model, '/factors', 'Sign-in methods', body);
}

function factorRow(factor: FactorView, action: string, csrfToken: string): string {
  const label = escapeHtml(factor.label);
  return `<tr><td><form method="post" action="${action}/rename">
    ${csrfField(csrfToken)}
    <input type="hidden" name="factor_id" value="${escapeHtml(factor.id)}">
    <label for="label-${escapeHtml(factor.id)}" class="visually-hidden">Name of ${label}</label>
    <input id="label-${escapeHtml(factor.id)}" name="label" type="text" value="${label}" maxlength="100" required>
    <button type="submit" class="secondary">Rename</button>
  </form></td>
  <td>${escapeHtml(TYPE_NAMES[factor.type] ?? factor.type)}</td><td>${timeHtml(factor.createdAt)}</td><td>${timeHtml(factor.lastUsedAt)}</td>
  <td><form method="post" action="${action}/remove">
    ${csrfField(csrfToken)}
    <input type="hidden" name="factor_id" value="${escapeHtml(factor.id)}">
    <button type="submit" class="secondary" aria-label="Remove ${label}">Remove</button>
  </form></td></tr>`;
}
