/**
 * A minimal browser for black-box tests: a cookie jar, manual redirects (each hop is visible to the test)
 * and helpers to read and submit our HTML forms.
 */
export interface PageResult {
  status: number;
  headers: Headers;
  text: string;
  url: string;
  location?: string;
}

export class BrowserSession {
  private readonly cookies = new Map<string, string>();

  /** `headers` go with every request, such as the Accept-Language of a browser set to another language. */
  constructor(
    readonly baseUrl: string,
    private readonly headers: Readonly<Record<string, string>> = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  clearCookies(): void {
    this.cookies.clear();
  }

  async get(url: string): Promise<PageResult> {
    return this.send(this.absolute(url), { method: 'GET' });
  }

  async post(url: string, fields: Record<string, string | string[]>): Promise<PageResult> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const single of ([] as string[]).concat(value)) body.append(name, single);
    return this.send(this.absolute(url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
  }

  /** Follows redirects on this server until a page or a redirect elsewhere (the client's callback). */
  async follow(start: PageResult, maxHops = 10): Promise<PageResult> {
    let current = start;
    for (let hop = 0; hop < maxHops; hop++) {
      if (!current.location || current.status < 300 || current.status >= 400) return current;
      const next = new URL(current.location, current.url);
      if (next.origin !== new URL(this.baseUrl).origin) return current;
      current = await this.get(next.toString());
    }
    throw new Error('too many redirects');
  }

  private absolute(url: string): string {
    return new URL(url, this.baseUrl).toString();
  }

  private async send(url: string, init: RequestInit): Promise<PageResult> {
    const headers = new Headers({ ...this.headers, ...Object.fromEntries(new Headers(init.headers)) });
    const jar = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (jar) headers.set('cookie', jar);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, url, location: response.headers.get('location') ?? undefined };
  }

  private store(line: string): void {
    const [pair, ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The value of a hidden input in one of our pages. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in page:\n${html.slice(0, 2000)}`);
  return decodeEntities(match[1]);
}

export function formAction(html: string): string {
  const match = /<form method="post" action="([^"]*)">/.exec(html);
  if (!match) throw new Error(`no form in page:\n${html.slice(0, 2000)}`);
  return decodeEntities(match[1]);
}

export function decodeEntities(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Fills in and submits the login form shown in `page`. */
export async function submitLogin(browser: BrowserSession, page: PageResult, username: string, password: string): Promise<PageResult> {
  return browser.post('/login', {
    csrf_token: hiddenField(page.text, 'csrf_token'),
    return_to: hiddenField(page.text, 'return_to'),
    username,
    password,
  });
}
