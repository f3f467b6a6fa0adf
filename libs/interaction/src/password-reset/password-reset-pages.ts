import { escapeHtml, htmlPage } from '../http/html';
import { pageTranslator } from '../i18n/page-context';

interface Frame {
  pathPrefix: string;
  returnTo: string;
}

export interface ForgotPageModel extends Frame {
  csrfToken: string;
  error?: string;
}

export interface ResetPageModel extends Frame {
  csrfToken: string;
  token: string;
  error?: string;
}

/** The address form; the hint sends people whose password lives upstream to their directory. */
export function renderForgotPage(model: ForgotPageModel): string {
  const t = pageTranslator();
  const title = t.t('reset.forgot.title');
  const body = `<h1>${escapeHtml(title)}</h1>
${errorLine(model.error)}<p>${escapeHtml(t.t('reset.forgot.intro'))}</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/login/forgot">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">
  <label for="email">${escapeHtml(t.t('reset.forgot.email'))}</label>
  <input id="email" name="email" type="text" inputmode="email" autocomplete="email" autocapitalize="none" spellcheck="false" required autofocus>
  <button type="submit">${escapeHtml(t.t('reset.forgot.submit'))}</button>
</form>
<p>${escapeHtml(t.t('reset.forgot.directory'))}</p>
${backToSignIn(model)}`;
  return htmlPage(title, body);
}

/** The one answer to every request, whether the address has an account or not. */
export function renderSentPage(model: Frame): string {
  const t = pageTranslator();
  const title = t.t('reset.sent.title');
  const body = `<h1>${escapeHtml(title)}</h1>
<p role="status">${escapeHtml(t.t('reset.sent.text'))}</p>
${backToSignIn(model)}`;
  return htmlPage(title, body);
}

/** New password twice; the token travels in the form, never in a cookie. */
export function renderResetPage(model: ResetPageModel): string {
  const t = pageTranslator();
  const title = t.t('reset.form.title');
  const body = `<h1>${escapeHtml(title)}</h1>
${errorLine(model.error)}<p>${escapeHtml(t.t('reset.form.intro'))}</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/login/reset">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="token" value="${escapeHtml(model.token)}">
  <label for="new_password">${escapeHtml(t.t('reset.form.new'))}</label>
  <input id="new_password" name="new_password" type="password" autocomplete="new-password" required autofocus>
  <label for="new_password_confirmation">${escapeHtml(t.t('reset.form.again'))}</label>
  <input id="new_password_confirmation" name="new_password_confirmation" type="password" autocomplete="new-password" required>
  <button type="submit">${escapeHtml(t.t('reset.form.submit'))}</button>
</form>`;
  return htmlPage(title, body);
}

/** Used, expired, or made before the password last changed: all look alike. */
export function renderInvalidLinkPage(model: Frame): string {
  const t = pageTranslator();
  const title = t.t('reset.invalid.title');
  const again = `${model.pathPrefix}/login/forgot?${new URLSearchParams({ return_to: model.returnTo })}`;
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="error" role="alert">${escapeHtml(t.t('reset.invalid.text'))}</p>
<p><a href="${escapeHtml(again)}">${escapeHtml(t.t('reset.invalid.again'))}</a></p>
${backToSignIn(model)}`;
  return htmlPage(title, body);
}

export function renderResetDonePage(model: Frame): string {
  const t = pageTranslator();
  const title = t.t('reset.done.title');
  const body = `<h1>${escapeHtml(title)}</h1>
<p role="status">${escapeHtml(t.t('reset.done.text'))}</p>
<p><a class="button" href="${escapeHtml(signInHref(model))}">${escapeHtml(t.t('reset.done.signIn'))}</a></p>`;
  return htmlPage(title, body);
}

export function renderUnavailablePage(model: Frame): string {
  const t = pageTranslator();
  const title = t.t('reset.unavailable.title');
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t.t('reset.unavailable.text'))}</p>
${backToSignIn(model)}`;
  return htmlPage(title, body);
}

function errorLine(error: string | undefined): string {
  return error ? `<p class="error" role="alert">${escapeHtml(error)}</p>\n` : '';
}

function signInHref(model: Frame): string {
  return `${model.pathPrefix}/login?${new URLSearchParams({ return_to: model.returnTo })}`;
}

function backToSignIn(model: Frame): string {
  return `<p><a href="${escapeHtml(signInHref(model))}">${escapeHtml(pageTranslator().t('reset.backToSignIn'))}</a></p>`;
}
