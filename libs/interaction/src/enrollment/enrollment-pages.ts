import type { AuthLevel } from '@app/core';
import type { TotpEnrollment } from '@app/users';
import { escapeHtml, htmlPage } from '../http/html';
import { passkeyForm, passkeyScripts } from '../http/passkey-form';
import { pageTranslator } from '../i18n/page-context';
import type { MessageKey } from '../i18n/catalogues';

interface PageBase {
  pathPrefix: string;
  returnTo: string;
  /** Leaves an authorization request that needs this factor (the client gets an error); else absent. */
  cancelHref?: string;
}

const text = (key: MessageKey) => escapeHtml(pageTranslator().t(key));
const cancelLink = (model: PageBase) => (model.cancelHref ? `\n<p><a href="${escapeHtml(model.cancelHref)}">${text('secondFactor.cancel')}</a></p>` : '');
const factorPath = (model: PageBase, kind: 'totp' | 'passkey', level?: AuthLevel) =>
  `${model.pathPrefix}/account/factors/${kind}/new?${new URLSearchParams({ return_to: model.returnTo, ...(level ? { acr: level } : {}) }).toString()}`;

/** Which factor to add; for `phr` only a passkey or security key will do. */
export function renderChooseFactorPage(model: PageBase & { level: AuthLevel; required: boolean }): string {
  const why = `<p>${text(model.required ? (model.level === 'phr' ? 'enrollment.choose.needsPasskey' : 'enrollment.choose.needsSecondStep') : 'enrollment.choose.intro')}</p>`;
  const options = [`<li><a class="button" href="${escapeHtml(factorPath(model, 'passkey', model.level))}">${text('enrollment.choose.passkey')}</a> ${text('enrollment.choose.recommended')}</li>`];
  if (model.level !== 'phr') options.push(`<li><a class="button secondary" href="${escapeHtml(factorPath(model, 'totp', model.level))}">${text('enrollment.totp.title')}</a></li>`);
  const title = pageTranslator().t('enrollment.choose.title');
  return htmlPage(title, `<h1>${escapeHtml(title)}</h1>\n${why}\n<ul class="factors">\n${options.join('\n')}\n</ul>${cancelLink(model)}`);
}

/** The QR code, the secret and the URI as text (for those who cannot scan), and one field `code`. */
export function renderTotpEnrollmentPage(model: PageBase & { csrfToken: string; enrollment: TotpEnrollment; level?: AuthLevel; error?: string }): string {
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>\n` : '';
  const qr = `data:image/svg+xml;base64,${Buffer.from(model.enrollment.qrSvg).toString('base64')}`;
  const body = `<h1>${text('enrollment.totp.title')}</h1>
${error}<p>${text('enrollment.totp.scan')}</p>
<img class="qr" src="${qr}" alt="${text('enrollment.totp.qrAlt')}" width="200" height="200">
<details><summary>${text('enrollment.totp.cannotScan')}</summary>
<p>${text('enrollment.totp.key')} <code id="totp-secret">${escapeHtml(model.enrollment.secret)}</code></p>
<p>${text('enrollment.totp.link')} <code id="totp-uri">${escapeHtml(model.enrollment.uri)}</code></p>
</details>
<form method="post" action="${escapeHtml(model.pathPrefix)}/account/factors/totp">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">
  <input type="hidden" name="factor_id" value="${escapeHtml(model.enrollment.factorId)}">
  ${model.level ? `<input type="hidden" name="acr" value="${escapeHtml(model.level)}">\n  ` : ''}<label for="label">${text('enrollment.totp.name')}</label>
  <input id="label" name="label" type="text" value="${text('enrollment.totp.defaultName')}" maxlength="100">
  <label for="code">${text('enrollment.totp.code')}</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required autofocus>
  <button type="submit">${text('enrollment.totp.confirm')}</button>
</form>${cancelLink(model)}`;
  return htmlPage(pageTranslator().t('enrollment.totp.title'), body);
}

/** One button; the browser's own dialog does the rest. */
export function renderPasskeyEnrollmentPage(model: PageBase & { csrfToken: string; error?: string }): string {
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>\n` : '';
  const form = passkeyForm({
    ceremony: 'register',
    action: `${model.pathPrefix}/account/factors/passkey`,
    optionsUrl: `${model.pathPrefix}/account/factors/passkey/options`,
    csrfToken: model.csrfToken,
    returnTo: model.returnTo,
    button: pageTranslator().t('enrollment.passkey.add'),
  });
  const body = `<h1>${text('enrollment.passkey.title')}</h1>
${error}<p>${text('enrollment.passkey.intro')}</p>
${form}${cancelLink(model)}`;
  return htmlPage(pageTranslator().t('enrollment.passkey.title'), body, passkeyScripts(model.pathPrefix));
}

/** Recovery codes, shown once. */
export function renderRecoveryCodesPage(model: { codes: readonly string[]; continueHref: string }): string {
  const items = model.codes.map((code) => `  <li><code>${escapeHtml(code)}</code></li>`).join('\n');
  const body = `<h1>${text('enrollment.recovery.title')}</h1>
<p>${text('enrollment.recovery.intro')}</p>
<ul class="recovery-codes">
${items}
</ul>
<p><a class="button" href="${escapeHtml(model.continueHref)}">${text('enrollment.recovery.continue')}</a></p>`;
  return htmlPage(pageTranslator().t('enrollment.recovery.title'), body);
}
