import type { AuthLevel } from '@app/core';
import { escapeHtml, htmlPage } from '../../http/html';
import { passkeyForm, passkeyScripts } from '../../http/passkey-form';
import { pageTranslator } from '../../i18n/page-context';

export interface SecondFactorPageModel {
  pathPrefix: string;
  csrfToken: string;
  returnTo: string;
  /** The level asked for: `phr` accepts only a passkey or security key. */
  level: AuthLevel;
  hasTotp: boolean;
  hasPasskey: boolean;
  hasRecoveryCodes: boolean;
  error?: string;
  /** Leaves the sign-in (the application gets access_denied); absent outside an authorization request. */
  cancelHref?: string;
}

/** "Confirm it's you": a code (authenticator app or recovery code) in the field `code`, or a passkey. */
export function renderSecondFactorPage(model: SecondFactorPageModel): string {
  const t = pageTranslator();
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>\n` : '';
  const codeAccepted = model.level !== 'phr' && (model.hasTotp || model.hasRecoveryCodes);
  const codeLabel = t.t(model.hasTotp ? 'secondFactor.totpLabel' : 'secondFactor.recoveryLabel');
  const codeForm = codeAccepted
    ? `<form method="post" action="${escapeHtml(model.pathPrefix)}/login/second-factor">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">
  <label for="code">${escapeHtml(codeLabel)}</label>
  <input id="code" name="code" type="text" inputmode="${model.hasTotp ? 'numeric' : 'text'}" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" required autofocus>
  ${model.hasTotp && model.hasRecoveryCodes ? `<p class="hint">${escapeHtml(t.t('secondFactor.recoveryHint'))}</p>\n  ` : ''}<button type="submit">${escapeHtml(t.t('secondFactor.verify'))}</button>
</form>\n`
    : '';
  const passkey = model.hasPasskey
    ? passkeyForm({
        ceremony: 'authenticate',
        action: `${model.pathPrefix}/login/second-factor/passkey`,
        optionsUrl: `${model.pathPrefix}/login/second-factor/passkey/options`,
        csrfToken: model.csrfToken,
        returnTo: model.returnTo,
        button: t.t('secondFactor.usePasskey'),
      }) + '\n'
    : '';
  const intro = `<p>${escapeHtml(t.t(model.level === 'phr' ? 'secondFactor.introPasskey' : 'secondFactor.intro'))}</p>`;
  const cancel = model.cancelHref ? `<p><a href="${escapeHtml(model.cancelHref)}">${escapeHtml(t.t('secondFactor.cancel'))}</a></p>` : '';
  const title = t.t('secondFactor.title');
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n${intro}\n${error}${codeForm}${passkey}${cancel}`, model.hasPasskey ? passkeyScripts(model.pathPrefix) : []);
}
