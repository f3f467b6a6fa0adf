import { HTML_PAGE_HEADERS } from './html';

/**
 * The HTML page headers, with `form-action` also allowing where the form's answer redirects to: browsers
 * apply form-action to every redirect after a submission (CSP Level 3 §6.3.1), so a consent form whose
 * answer redirects to the client would otherwise be blocked.
 */
export function pageHeaders(redirectTarget?: string, options: PageHeaderOptions = {}): Record<string, string> {
  const source = redirectTarget ? cspSource(redirectTarget) : undefined;
  const image = options.image ? imageSource(options.image) : undefined;
  if (!source && !options.scripts && !image) return HTML_PAGE_HEADERS;
  let csp = HTML_PAGE_HEADERS['Content-Security-Policy'];
  if (source) csp = csp.replace("form-action 'self'", `form-action 'self' ${source}`);
  // Our own script files only (never inline), and the fetches they make back to us (WebAuthn options).
  if (options.scripts) csp = csp.replace("default-src 'none';", "default-src 'none'; script-src 'self'; connect-src 'self';");
  // Only the origin of the one logo the page shows, not every https image.
  if (image) csp = csp.replace("img-src 'self' data:", `img-src 'self' data: ${image}`);
  return { ...HTML_PAGE_HEADERS, 'Content-Security-Policy': csp };
}

export interface PageHeaderOptions {
  /** The page loads our own script files. */
  scripts?: boolean;
  /** The https URL of an image from elsewhere the page shows (an application's logo). */
  image?: string;
}

function imageSource(url: string): string | undefined {
  const source = cspSource(url);
  return source?.startsWith('https://') ? source : undefined;
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
