import type { FastifyReply } from 'fastify';
import { escapeHtml, HTML_PAGE_HEADERS, htmlPage } from '../http/html';
import { cspSource } from '../http/page-headers';
import { seeOther } from '../http/see-other';
import { pageTranslator } from '../i18n/page-context';
import type { ResponseMode } from './response-type';

/** Where and how an authorization response goes: the verified redirect URI and the request's response_mode. */
export interface ResponseTarget {
  redirectUri: string;
  responseMode: ResponseMode;
}

/**
 * Sends an authorization response (success or error) to the client: in the query (RFC 6749 §4.1.2, the
 * registered URI's own query kept), in the fragment (OAuth 2.0 Multiple Response Types §2.1) or as a form
 * the browser posts (OAuth 2.0 Form Post Response Mode §2). `pathPrefix` is the issuer's path, for our script.
 */
export async function sendAuthorizationResponse(
  reply: FastifyReply,
  target: ResponseTarget,
  params: Readonly<Record<string, string | undefined>>,
  pathPrefix: string,
): Promise<void> {
  const entries = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined);
  if (target.responseMode === 'form_post') return sendFormPost(reply, target.redirectUri, entries, `${pathPrefix}/assets/form-post.js`);
  const url = new URL(target.redirectUri);
  if (target.responseMode === 'fragment') url.hash = new URLSearchParams(entries).toString();
  else for (const [name, value] of entries) url.searchParams.set(name, value);
  return seeOther(reply, url.toString());
}

/**
 * Form Post Response Mode §2: a page that posts the parameters to the redirect URI at once. Its CSP allows
 * only our own script and a form sent to the client's origin; without scripts the person presses Continue.
 */
async function sendFormPost(reply: FastifyReply, redirectUri: string, entries: readonly [string, string][], scriptPath: string): Promise<void> {
  const inputs = entries.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n  ');
  const t = pageTranslator();
  const title = t.t('formPost.title');
  const body = `<h1>${escapeHtml(title)}</h1>
<form method="post" action="${escapeHtml(redirectUri)}" data-auto-submit>
  ${inputs}
  <noscript><p>${escapeHtml(t.t('formPost.noScript'))}</p><button type="submit">${escapeHtml(t.t('common.continue'))}</button></noscript>
</form>`;
  await reply.status(200).headers(formPostHeaders(redirectUri)).send(htmlPage(title, body, [scriptPath]));
}

function formPostHeaders(redirectUri: string): Record<string, string> {
  const formAction = cspSource(redirectUri) ?? "'none'";
  const csp = HTML_PAGE_HEADERS['Content-Security-Policy']
    .replace("default-src 'none';", "default-src 'none'; script-src 'self';")
    .replace("form-action 'self'", `form-action ${formAction}`);
  return { ...HTML_PAGE_HEADERS, 'Content-Security-Policy': csp };
}
