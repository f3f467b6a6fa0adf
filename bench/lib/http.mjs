// Small HTTP helpers for setting up the servers (not for load): forms, JSON, a cookie jar.

export const basic = (id, secret) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

export class CookieJar {
  cookies = new Map();

  store(response) {
    for (const line of response.headers.getSetCookie?.() ?? []) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export async function request(base, path, { method = 'GET', form, json, headers = {}, jar } = {}) {
  const init = { method, headers: { ...headers }, redirect: 'manual' };
  if (form) {
    init.body = new URLSearchParams(form).toString();
    init.headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (json) {
    init.body = JSON.stringify(json);
    init.headers['content-type'] = 'application/json';
  }
  if (jar && jar.cookies.size) init.headers.cookie = jar.header();
  const url = path.startsWith('http') ? path : `${base}${path}`;
  const response = await fetch(url, init);
  jar?.store(response);
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body, location: response.headers.get('location') };
}

export async function expectStatus(what, result, ...statuses) {
  if (!statuses.includes(result.status)) throw new Error(`${what}: HTTP ${result.status} ${result.text.slice(0, 400)}`);
  return result;
}
