import { escapeHtml } from './escape-html';
import { pageTranslator } from '../i18n/page-context';

export { escapeHtml };

/** Headers every HTML page carries: no framing (clickjacking), no inline scripts or styles, no caching. */
export const HTML_PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/**
 * Where the page branding hook (page-branding.hook.ts) puts the stylesheets and the organization's header:
 * pages are rendered synchronously, the branding is read asynchronously once the page is answered.
 */
export const PAGE_HEAD_SLOT = '<!--page-head-->';
export const PAGE_HEADER_SLOT = '<!--page-header-->';

/**
 * A complete, accessible HTML document; `body` must already be escaped. `scripts` are paths of our own
 * script files (see AssetsController), loaded at the end: the page works without them where it can.
 */
export function htmlPage(title: string, body: string, scripts: readonly string[] = []): string {
  const tags = scripts.map((src) => `\n<script src="${escapeHtml(src)}"></script>`).join('');
  return `<!doctype html>
<html lang="${pageTranslator().locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${PAGE_HEAD_SLOT}</head>
<body><main>${PAGE_HEADER_SLOT}${body}</main>${tags}</body>
</html>`;
}

/** The Allow and Deny buttons of a decision form (consent, device approval); both post `decision`. */
export function decisionButtons(): string {
  const t = pageTranslator();
  return `<button type="submit" name="decision" value="allow">${escapeHtml(t.t('common.allow'))}</button>
  <button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(t.t('common.deny'))}</button>`;
}
