import { escapeHtml } from './escape-html';
import { pageTranslator } from '../i18n/page-context';

export { escapeHtml };

/** Headers every HTML page carries: no framing (clickjacking), no inline scripts, no caching. */
export const HTML_PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
  main { max-width: 26rem; margin: 8vh auto; background: #fff; padding: 2rem; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
  input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem;
         border: 1px solid #9aa3b5; border-radius: 4px; }
  button { margin-top: 1.25rem; padding: .6rem 1.2rem; font-size: 1rem; border-radius: 4px; border: 1px solid #2450b2;
           background: #2f64d6; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #2450b2; }
  .error { background: #fdecea; color: #8a1c13; padding: .6rem; border-radius: 4px; }
  ul.scopes li { margin: .3rem 0; }
  .client { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .75rem; margin-bottom: 1rem; }
  .client-logo { width: 48px; height: 48px; object-fit: contain; }
  .client-name { font-weight: 600; margin: 0; }
  .client-links { flex-basis: 100%; margin: 0; font-size: .9rem; }
  .signed-in { margin: 1rem 0; }
  form.inline { display: inline; }
  button.link { margin: 0; padding: 0; border: 0; background: none; color: #2450b2; text-decoration: underline; font-size: inherit; }
  code { background: #eef0f4; padding: .1rem .3rem; border-radius: 3px; }`;

/**
 * A complete, accessible HTML document; `body` must already be escaped. `scripts` are paths of our own
 * script files (see AssetsController), loaded at the end: the page works without them where it can.
 */
export function htmlPage(title: string, body: string, scripts: readonly string[] = []): string {
  const tags = scripts.map((src) => `\n<script src="${escapeHtml(src)}"></script>`).join('');
  return `<!doctype html>
<html lang="${pageTranslator().locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main>${tags}</body>
</html>`;
}

/** The Allow and Deny buttons of a decision form (consent, device approval); both post `decision`. */
export function decisionButtons(): string {
  const t = pageTranslator();
  return `<button type="submit" name="decision" value="allow">${escapeHtml(t.t('common.allow'))}</button>
  <button type="submit" name="decision" value="deny" class="secondary">${escapeHtml(t.t('common.deny'))}</button>`;
}
