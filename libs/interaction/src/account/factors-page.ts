import type { FactorView } from '@app/users';
import { escapeHtml } from '../http/html';
import type { MessageKey } from '../i18n/catalogues';
import { pageTranslator } from '../i18n/page-context';
import { AccountPageFrame, csrfField, renderAccountPage, timeHtml } from './account-layout';

export interface FactorsPageModel extends AccountPageFrame {
  csrfToken: string;
  factors: readonly FactorView[];
  /** The sign-in is recent (and multi-factor) enough for changes; otherwise the person confirms it is them first. */
  fresh: boolean;
}

const TYPE_NAMES: Readonly<Record<FactorView['type'], MessageKey>> = { passkey: 'account.factors.type.passkey', totp: 'account.factors.type.totp' };

/** The person's passkeys and authenticator apps, each renamable and removable, and links to add one. */
export function renderFactorsPage(model: FactorsPageModel): string {
  const t = pageTranslator();
  const account = `${model.pathPrefix}/account`;
  const addLink = (type: string, text: MessageKey) =>
    `<a class="button" href="${escapeHtml(`${account}/factors/${type}/new?${new URLSearchParams({ return_to: `${account}/factors` })}`)}">${escapeHtml(t.t(text))}</a>`;
  const rows = model.factors.map((factor) => factorRow(factor, `${escapeHtml(account)}/factors`, model.csrfToken)).join('\n');
  const headers = (['account.factors.name', 'account.factors.kind', 'account.factors.added', 'account.factors.lastUsed', 'account.actions'] as const)
    .map((key) => `<th scope="col">${escapeHtml(t.t(key))}</th>`)
    .join('');
  const list = model.factors.length
    ? `<table>
<thead><tr>${headers}</tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : `<p>${escapeHtml(t.t('account.factors.passwordOnly'))}</p>`;
  const freshness = model.fresh ? '' : `<p><small>${escapeHtml(t.t('account.factors.confirmFirst'))}</small></p>\n`;
  const body = `${list}
${freshness}<ul>
  <li>${addLink('passkey', 'account.factors.addPasskey')}</li>
  <li>${addLink('totp', 'account.factors.addTotp')}</li>
</ul>`;
  return renderAccountPage(model, '/factors', t.t('account.section.factors'), body);
}

function factorRow(factor: FactorView, action: string, csrfToken: string): string {
  const t = pageTranslator();
  const label = escapeHtml(factor.label);
  const type = Object.hasOwn(TYPE_NAMES, factor.type) ? t.t(TYPE_NAMES[factor.type]) : factor.type;
  return `<tr><td><form method="post" action="${action}/rename">
    ${csrfField(csrfToken)}
    <input type="hidden" name="factor_id" value="${escapeHtml(factor.id)}">
    <label for="label-${escapeHtml(factor.id)}" class="visually-hidden">${t.html('account.factors.nameOf', { label: factor.label })}</label>
    <input id="label-${escapeHtml(factor.id)}" name="label" type="text" value="${label}" maxlength="100" required>
    <button type="submit" class="secondary">${escapeHtml(t.t('account.factors.rename'))}</button>
  </form></td>
  <td>${escapeHtml(type)}</td><td>${timeHtml(factor.createdAt)}</td><td>${timeHtml(factor.lastUsedAt)}</td>
  <td><form method="post" action="${action}/remove">
    ${csrfField(csrfToken)}
    <input type="hidden" name="factor_id" value="${escapeHtml(factor.id)}">
    <button type="submit" class="secondary" aria-label="${escapeHtml(t.t('account.factors.removeLabel', { label: factor.label }))}">${escapeHtml(t.t('account.factors.remove'))}</button>
  </form></td></tr>`;
}
