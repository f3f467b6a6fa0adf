import { escapeHtml, htmlPage } from '../http/html';

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
  const body = `<h1>Reset your password</h1>
${errorLine(model.error)}<p>Type the e-mail address of your account. If it has one, we send a link to choose a new password.</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/login/forgot">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">
  <label for="email">E-mail address</label>
  <input id="email" name="email" type="text" inputmode="email" autocomplete="email" autocapitalize="none" spellcheck="false" required autofocus>
  <button type="submit">Send the link</button>
</form>
<p>If you sign in with your organization's directory, reset your password there.</p>
${backToSignIn(model)}`;
  return htmlPage('Reset your password', body);
}

/** The one answer to every request, whether the address has an account or not. */
export function renderSentPage(model: Frame): string {
  const body = `<h1>Check your mail</h1>
<p role="status">If an account exists for that address, we sent a link to choose a new password. It works once, for a short while.</p>
${backToSignIn(model)}`;
  return htmlPage('Check your mail', body);
}

/** New password twice; the token travels in the form, never in a cookie. */
export function renderResetPage(model: ResetPageModel): string {
  const body = `<h1>Choose a new password</h1>
${errorLine(model.error)}<p>Choosing a new password signs you out of every browser, and apps you use will ask you to sign in again.</p>
<form method="post" action="${escapeHtml(model.pathPrefix)}/login/reset">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="token" value="${escapeHtml(model.token)}">
  <label for="new_password">New password</label>
  <input id="new_password" name="new_password" type="password" autocomplete="new-password" required autofocus>
  <label for="new_password_confirmation">New password again</label>
  <input id="new_password_confirmation" name="new_password_confirmation" type="password" autocomplete="new-password" required>
  <button type="submit">Set the new password</button>
</form>`;
  return htmlPage('Choose a new password', body);
}

/** Used, expired, or made before the password last changed: all look alike. */
export function renderInvalidLinkPage(model: Frame): string {
  const again = `${model.pathPrefix}/login/forgot?${new URLSearchParams({ return_to: model.returnTo })}`;
  const body = `<h1>This link no longer works</h1>
<p class="error" role="alert">Reset links work once, for a short while, and only until the password changes.</p>
<p><a href="${escapeHtml(again)}">Send a new link</a></p>
${backToSignIn(model)}`;
  return htmlPage('This link no longer works', body);
}

export function renderResetDonePage(model: Frame): string {
  const body = `<h1>Password changed</h1>
<p role="status">Your new password is set. Sign in with it to continue.</p>
<p><a class="button" href="${escapeHtml(signInHref(model))}">Sign in</a></p>`;
  return htmlPage('Password changed', body);
}

export function renderUnavailablePage(model: Frame): string {
  const body = `<h1>Password reset is not available</h1>
<p>This server does not send password reset mail. Ask your administrator to set a new password.</p>
${backToSignIn(model)}`;
  return htmlPage('Password reset is not available', body);
}

function errorLine(error: string | undefined): string {
  return error ? `<p class="error" role="alert">${escapeHtml(error)}</p>\n` : '';
}

function signInHref(model: Frame): string {
  return `${model.pathPrefix}/login?${new URLSearchParams({ return_to: model.returnTo })}`;
}

function backToSignIn(model: Frame): string {
  return `<p><a href="${escapeHtml(signInHref(model))}">Back to sign in</a></p>`;
}
