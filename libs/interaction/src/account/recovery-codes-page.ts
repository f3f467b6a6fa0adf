import { escapeHtml } from '../http/html';
import { pageTranslator } from '../i18n/page-context';
import { AccountPageFrame, csrfField, renderAccountPage, textWithLink } from './account-layout';

export interface RecoveryCodesPageModel extends AccountPageFrame {
  csrfToken: string;
  remaining: number;
  hasSecondFactor: boolean;
  fresh: boolean;
}

/** How many recovery codes are left, and a form to replace them all. */
export function renderRecoveryCodesPage(model: RecoveryCodesPageModel): string {
  const t = pageTranslator();
  const title = t.t('account.section.recoveryCodes');
  if (!model.hasSecondFactor) {
    const body = `<p>${textWithLink('account.recovery.noFactor', `${model.pathPrefix}/account/factors`, t.t('account.recovery.noFactorLink'))}</p>`;
    return renderAccountPage(model, '/recovery-codes', title, body);
  }
  const freshness = model.fresh ? '' : ` ${t.t('account.recovery.confirmFirst')}`;
  const body = `<p>${escapeHtml(`${t.t('account.recovery.remaining', { count: model.remaining })} ${t.t('account.recovery.eachOnce')}`)}</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/account/recovery-codes">
  ${csrfField(model.csrfToken)}
  <p>${escapeHtml(`${t.t('account.recovery.replace')}${freshness}`)}</p>
  <button type="submit">${escapeHtml(t.t('account.recovery.generate'))}</button>
</form>`;
  return renderAccountPage(model, '/recovery-codes', title, body);
}

/** The new codes, shown this once: they are stored only as hashes. */
export function renderNewRecoveryCodesPage(frame: AccountPageFrame, codes: readonly string[]): string {
  const t = pageTranslator();
  const items = codes.map((code) => `<li><code>${escapeHtml(code)}</code></li>`).join('\n');
  const body = `<p role="status">${t.html('account.recovery.saveNow')}</p>
<ol class="codes">
${items}
</ol>
<p>${escapeHtml(t.t('account.recovery.keepSafe'))}</p>
<p><a href="${escapeHtml(frame.pathPrefix)}/account/recovery-codes">${escapeHtml(t.t('account.recovery.done'))}</a></p>`;
  return renderAccountPage(frame, '/recovery-codes', t.t('account.recovery.newTitle'), body);
}
