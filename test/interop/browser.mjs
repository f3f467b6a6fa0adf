// A cookie-keeping browser for the interop scripts: it signs a person in on the server's pages and stops at
// the client's redirect URI, returned as a URL.
const cookies = new Map();

export async function browse(url, init = {}) {
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

/** Follows redirects on the server until the browser would leave for the client's redirect URI. */
async function follow(result, issuer) {
  while (result.status >= 300 && result.status < 400) {
    const next = new URL(result.location, result.url);
    if (next.origin !== new URL(issuer).origin) return next;
    result = await browse(next);
  }
  return result;
}

/** Opens the authorization URL, signs in with the password form if asked, and returns the callback URL. */
export async function signIn(authorizationUrl, issuer, username, password) {
  let page = await follow(await browse(authorizationUrl), issuer);
  if (!(page instanceof URL)) {
    const form = new URLSearchParams({ csrf_token: hidden(page.text, 'csrf_token'), return_to: hidden(page.text, 'return_to'), username, password });
    page = await follow(await browse(new URL('/login', issuer), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }), issuer);
  }
  if (!(page instanceof URL)) throw new Error(`expected the callback, got ${page.status}: ${page.text.slice(0, 300)}`);
  return page;
}
