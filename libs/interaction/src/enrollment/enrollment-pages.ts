import type { AuthLevel } from '@app/core';
import type { TotpEnrollment } from '@app/users';
import { escapeHtml, htmlPage } from '../http/html';
import { passkeyForm, passkeyScripts } from '../http/passkey-form';

interface PageBase {
  pathPrefix: string;
  returnTo: string;
  /** Leaves an authorization request that needs this factor (the client gets an error); else absent. */
  cancelHref?: string;
}

const cancelLink = (model: PageBase) => (model.cancelHref ? `\n<p><a href="${escapeHtml(model.cancelHref)}">Cancel sign-in</a></p>` : '');
const factorPath = (model: PageBase, kind: 'totp' | 'passkey', level?: AuthLevel) =>
  `${model.pathPrefix}/account/factors/${kind}/new?${new URLSearchParams({ return_to: model.returnTo, ...(level ? { acr: level } : {}) }).toString()}`;

/** Which factor to add; for `phr` only a passkey or security key will do. */
export function renderChooseFactorPage(model: PageBase & { level: AuthLevel; required: boolean }): string {
  const why = model.required
    ? model.level === 'phr'
      ? '<p>This application needs a passkey or security key. Add one to continue.</p>'
      : '<p>This application needs a second step at sign-in. Add one to continue.</p>'
    : '<p>Choose how you want to confirm it is you.</p>';
  const options = [`<li><a class="button" href="${escapeHtml(factorPath(model, 'passkey', model.level))}">Add a passkey or security key</a> (recommended)</li>`];
  if (model.level !== 'phr') options.push(`<li><a class="button secondary" href="${escapeHtml(factorPath(model, 'totp', model.level))}">Set up an authenticator app</a></li>`);
  return htmlPage('Add a sign-in method', `<h1>Add a sign-in method</h1>\n${why}\n<ul class="factors">\n${options.join('\n')}\n</ul>${cancelLink(model)}`);
}

/** The QR code, the secret and the URI as text (for those who cannot scan), and one field `code`. */
export function renderTotpEnrollmentPage(model: PageBase & { csrfToken: string; enrollment: TotpEnrollment; level?: AuthLevel; error?: string }): string {
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>\n` : '';
  const qr = `data:image/svg+xml;base64,${Buffer.from(model.enrollment.qrSvg).toString('base64')}`;
  const body = `<h1>Set up an authenticator app</h1>
${error}<p>Scan this code with your authenticator app, then type the 6-digit code it shows.</p>
<img class="qr" src="${qr}" alt="QR code for your authenticator app" width="200" height="200">
<details><summary>Cannot scan the code?</summary>
<p>Enter this key in your app: <code id="totp-secret">${escapeHtml(model.enrollment.secret)}</code></p>
<p>Or open this link on the device: <code id="totp-uri">${escapeHtml(model.enrollment.uri)}</code></p>
</details>
<form method="post" action="${escapeHtml(model.pathPrefix)}/account/factors/totp">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">
  <input type="hidden" name="factor_id" value="${escapeHtml(model.enrollment.factorId)}">
  ${model.level ? `<input type="hidden" name="acr" value="${escapeHtml(model.level)}">\n  ` : ''}<label for="label">Name</label>
  <input id="label" name="label" type="text" value="Authenticator app" maxlength="100">
  <label for="code">Code from the app</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required autofocus>
  <button type="submit">Confirm</button>
</form>${cancelLink(model)}`;
  return htmlPage('Set up an authenticator app', body);
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
    button: 'Create a passkey',
  });
  const body = `<h1>Add a passkey</h1>
${error}<p>A passkey lets you sign in with your device's screen lock or a security key, and cannot be phished.</p>
${form}${cancelLink(model)}`;
  return htmlPage('Add a passkey', body, passkeyScripts(model.pathPrefix));
}

/** Recovery codes, shown once. */
export function renderRecoveryCodesPage(model: { codes: readonly string[]; continueHref: string }): string {
  const items = model.codes.map((code) => `  <li><code>${escapeHtml(code)}</code></li>`).join('\n');
  const body = `<h1>Save your recovery codes</h1>
<p>If you lose your device, each of these codes signs you in once instead of it. Keep them somewhere safe: they are shown only now.</p>
<ul class="recovery-codes">
${items}
</ul>
<p><a class="button" href="${escapeHtml(model.continueHref)}">I saved them, continue</a></p>`;
  return htmlPage('Save your recovery codes', body);
}
