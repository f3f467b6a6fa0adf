import { escapeHtml, htmlPage } from '../http/html';

/** The answer to a verification link: verified, or why not (a link is single-use and for one address). */
export function renderVerificationResultPage(pathPrefix: string, verified: boolean): string {
  const body = verified
    ? `<h1>Address verified</h1>
<p role="status">Your e-mail address is verified.</p>
<p><a href="${escapeHtml(pathPrefix)}/account">Go to your account</a></p>`
    : `<h1>This link cannot be used</h1>
<p role="alert">The link was already used, has expired, or was sent to an address your account no longer has. Ask for a new one on your account page.</p>
<p><a href="${escapeHtml(pathPrefix)}/account">Go to your account</a></p>`;
  return htmlPage(verified ? 'Address verified' : 'Link not usable', body);
}

/** The account page's button, shown while the address is unverified and mail can be sent. */
export function verificationButton(pathPrefix: string, csrfToken: string): string {
  return `<form method="post" action="${escapeHtml(pathPrefix)}/account/email/verify">
  <input type="hidden" name="csrf_token" value="${escapeHtml(csrfToken)}">
  <button type="submit">Send a verification link</button>
</form>`;
}
