import { escapeHtml, htmlPage } from '../http/html';
import { pageTranslator } from '../i18n/page-context';

/** The answer to a verification link: verified, or why not (a link is single-use and for one address). */
export function renderVerificationResultPage(pathPrefix: string, verified: boolean): string {
  const t = pageTranslator();
  const toAccount = `<p><a href="${escapeHtml(pathPrefix)}/account">${escapeHtml(t.t('verification.toAccount'))}</a></p>`;
  const body = verified
    ? `<h1>${escapeHtml(t.t('verification.verified.title'))}</h1>
<p role="status">${escapeHtml(t.t('verification.verified.text'))}</p>
${toAccount}`
    : `<h1>${escapeHtml(t.t('verification.refused.heading'))}</h1>
<p role="alert">${escapeHtml(t.t('verification.refused.text'))}</p>
${toAccount}`;
  return htmlPage(t.t(verified ? 'verification.verified.title' : 'verification.refused.title'), body);
}

/** The account page's button, shown while the address is unverified and mail can be sent. */
export function verificationButton(pathPrefix: string, csrfToken: string): string {
  return `<form method="post" action="${escapeHtml(pathPrefix)}/account/email/verify">
  <input type="hidden" name="csrf_token" value="${escapeHtml(csrfToken)}">
  <button type="submit">${escapeHtml(pageTranslator().t('verification.send'))}</button>
</form>`;
}
