// A minimal browser for the interop scripts: a cookie jar, redirects followed by hand on the server's
// origin, and the hidden fields of its forms.

const ENTITIES = { '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };

/** Undoes the server's HTML escaping of attribute values. */
export const unescapeHtml = (value) => value.replace(/&(quot|#39|lt|gt|amp);/g, (entity) => ENTITIES[entity]);

export const hidden = (html, name) => unescapeHtml(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)[1]);

export function createBrowser(issuer) {
  const cookies = new Map();

  async function browse(url, init = {}) {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [name, ...rest] = line.split(';')[0].split('=');
      const value = rest.join('=');
      if (value) cookies.set(name.trim(), value);
      else cookies.delete(name.trim());
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text(), url };
  }

  /** Follows the server's redirects until the browser would leave for the client (a URL) or shows a page. */
  async function follow(result) {
    while (result.status >= 300 && result.status < 400) {
      const next = new URL(result.location, result.url);
      if (next.origin !== new URL(issuer).origin) return next;
      result = await browse(next);
    }
    return result;
  }

  /** Signs in on the login page `page` shows, and follows on from there. */
  async function submitLogin(page, username, password) {
    const form = new URLSearchParams({ csrf_token: hidden(page.text, 'csrf_token'), return_to: hidden(page.text, 'return_to'), username, password });
    return follow(await browse(new URL('/login', issuer), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }));
  }

  return { browse, follow, submitLogin };
}

/** Opens the authorization URL in a fresh browser, signs in if asked, and returns the client's callback URL. */
export async function signIn(authorizationUrl, issuer, username, password) {
  const { browse, follow, submitLogin } = createBrowser(issuer);
  let page = await follow(await browse(authorizationUrl));
  if (!(page instanceof URL)) page = await submitLogin(page, username, password);
  if (!(page instanceof URL)) throw new Error(`expected the callback, got ${page.status}: ${page.text.slice(0, 300)}`);
  return page;
}
