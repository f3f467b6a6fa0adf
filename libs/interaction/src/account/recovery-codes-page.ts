import { escapeHtml } from '../http/html';
import { AccountPageFrame, csrfField, renderAccountPage } from './account-layout';

export interface RecoveryCodesPageModel extends AccountPageFrame {
  csrfToken: string;
  remaining: number;
  hasSecondFactor: boolean;
  fresh: boolean;
}

/** How many recovery codes are left, and a form to replace them all. */
export function renderRecoveryCodesPage(model: RecoveryCodesPageModel): string {
  if (!model.hasSecondFactor) {
    const body = `<p>Recovery codes let you sign in when your passkey or authenticator app is not at hand. Add a <a href="${escapeHtml(model.pathPrefix)}/account/factors">sign-in method</a> first.</p>`;
    return renderAccountPage(model, '/recovery-codes', 'Recovery codes', body);
  }
  const left = model.remaining === 1 ? 'You have 1 unused recovery code.' : `You have ${model.remaining} unused recovery codes.`;
  const freshness = model.fresh ? '' : ' You will be asked to confirm it is you first.';
  const body = `<p>${left} Each code signs you in once when your passkey or authenticator app is not at hand.</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/account/recovery-codes">
  ${csrfField(model.csrfToken)}
  <p>New codes replace every earlier one: the old codes stop working at once.${freshness}</p>
  <button type="submit">Generate new codes</button>
</form>`;
  return renderAccountPage(model, '/recovery-codes', 'Recovery codes', body);
}

/** The new codes, shown this once: they are stored only as hashes. */
export function renderNewRecoveryCodesPage(frame: AccountPageFrame, codes: readonly string[]): string {
  const items = codes.map((code) => `<li><code>${escapeHtml(code)}</code></li>`).join('\n');
  const body = `<p role="status"><strong>Save these codes now.</strong> They are shown only this once, and your earlier codes no longer work.</p>
<ol class="codes">
${items}
</ol>
<p>Keep them somewhere safe, apart from your devices. Each one works once.</p>
<p><a href="${escapeHtml(frame.pathPrefix)}/account/recovery-codes">Done</a></p>`;
  return renderAccountPage(frame, '/recovery-codes', 'Your new recovery codes', body);
}
