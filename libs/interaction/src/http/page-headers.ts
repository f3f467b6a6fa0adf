import { HTML_PAGE_HEADERS } from './html';

/**
 * The HTML page headers, with `form-action` also allowing where the form's answer redirects to: browsers
 * apply form-action to every redirect after a submission (CSP Level 3 §6.3.1), so a consent form whose
 * answer redirects to the client would otherwise be blocked.
 */
export function pageHeaders(redirectTarget?: string, options: { scripts?: boolean } = {}): Record<string, string> {
  const source = redirectTarget ? cspSource(redirectTarget) : undefined;
  if (!source && !options.scripts) return HTML_PAGE_HEADERS;
  let csp = HTML_PAGE_HEADERS['Content-Security-Policy'];
  if (source) csp = csp.replace("form-action 'self'", `form-action 'self' ${source}`);
  // Our own script files only (never inline), and the fetches they make back to us (WebAuthn options).
  if (options.scripts) csp = csp.replace("default-src 'none';", "default-src 'none'; script-src 'self'; connect-src 'self';");
  return { ...HTML_PAGE_HEADERS, 'Content-Security-Policy': csp };
}

/** A CSP source expression for a URL: its origin for http(s), its scheme for private-use schemes. */
export function cspSource(target: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const source = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  // Only characters that cannot end the directive or inject another one.
  return /^[\w.+:/[\]-]+$/.test(source) ? source : undefined;
}
