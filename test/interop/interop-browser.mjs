// A cookie-keeping browser for the interop scripts: it follows the server's redirects and signs in on the
// server's login page, and stops where the browser would leave for the client's redirect URI.
export function interopBrowser(issuer) {
  const cookies = new Map();

  async function browse(url, init = {}) {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair.split('=');
      const value = rest.join('=');
      if (value) cookies.set(name.trim(), value);
      else cookies.delete(name.trim());
    }
    return { status: response.status, location: response.headers.get('location'), text: await response.text(), url };
  }

  const hidden = (html, name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)[1].replace(/&amp;/g, '&');

  /** Follows redirects on the server; returns the client's callback URL, or the page the server showed. */
  async function follow(result) {
    while (result.status >= 300 && result.status < 400) {
      const next = new URL(result.location, result.url);
      if (next.origin !== new URL(issuer).origin) return next;
      result = await browse(next);
    }
    return result;
  }

  /** Opens the authorization URL, signs in when asked, and returns the callback URL. */
  async function authorize(authorizationUrl, username, password) {
    let page = await follow(await browse(authorizationUrl));
    if (!(page instanceof URL)) {
      const form = new URLSearchParams({ csrf_token: hidden(page.text, 'csrf_token'), return_to: hidden(page.text, 'return_to'), username, password });
      page = await follow(await browse(new URL('/login', issuer), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }));
    }
    if (!(page instanceof URL)) throw new Error(`expected the callback, got ${page.status}: ${page.text.slice(0, 300)}`);
    return page;
  }

  return { browse, authorize };
}
