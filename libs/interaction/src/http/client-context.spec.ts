import { logoOf, renderClientContext, renderSignedInAs, safeUrl } from './client-context';
import { pageHeaders } from './page-headers';
import { renderScopeList } from './scope-list';

const client = (overrides: Record<string, string | null> = {}) => ({ clientId: 'orders-web', clientName: 'Orders', ...overrides });

describe(renderClientContext.name, () => {
  it('names the application, falling back to the client_id', () => {
    expect(renderClientContext(client())).toContain('<p class="client-name">Orders</p>');
    expect(renderClientContext(client({ clientName: '  ' }))).toContain('<p class="client-name">orders-web</p>');
  });

  it('escapes every value', () => {
    const html = renderClientContext(client({ clientName: '<img src=x onerror=alert(1)>', policyUri: 'https://app.example/p?a="b"&c=<d>' }));
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('href="https://app.example/p?a=%22b%22&amp;c=%3Cd%3E"');
  });

  it('shows the logo only from an https URL', () => {
    expect(renderClientContext(client({ logoUri: 'https://cdn.example/logo.png' }))).toContain('<img class="client-logo" src="https://cdn.example/logo.png"');
    for (const logoUri of ['http://cdn.example/logo.png', 'javascript:alert(1)', 'data:image/svg+xml,<svg/>', 'not a url']) {
      expect(renderClientContext(client({ logoUri }))).not.toContain('<img');
    }
  });

  it('links home page, policy and terms only over http(s), never opening a window with access to us', () => {
    const html = renderClientContext(client({ clientUri: 'https://app.example/', policyUri: 'javascript:alert(1)', tosUri: 'http://app.example/tos' }));
    expect(html).toContain('<a href="https://app.example/" rel="noopener noreferrer">Website</a>');
    expect(html).toContain('<a href="http://app.example/tos" rel="noopener noreferrer">Terms of service</a>');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('Privacy policy');
  });
});

describe(safeUrl.name, () => {
  it('refuses scripts and data, whatever their case or padding', () => {
    expect(safeUrl(' JavaScript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('/relative')).toBeUndefined();
    expect(safeUrl('HTTPS://App.Example/x')).toBe('https://app.example/x');
  });
  it('takes https only for logos', () => {
    expect(logoOf(client({ logoUri: 'http://cdn.example/l.png' }))).toBeUndefined();
  });
});

describe(renderSignedInAs.name, () => {
  it('shows the name with the username, escaped', () => {
    expect(renderSignedInAs({ name: 'Ada <L>', username: 'ada' }, '<a href="/x">Not you?</a>')).toBe(
      '<div class="signed-in">Signed in as <strong>Ada &lt;L&gt;</strong> (ada). <a href="/x">Not you?</a></div>',
    );
    expect(renderSignedInAs({ name: null, username: 'ada' })).toBe('<div class="signed-in">Signed in as <strong>ada</strong>.</div>');
  });
});

describe(renderScopeList.name, () => {
  it('uses our words, then the API description, else the name alone', () => {
    const html = renderScopeList(['email', 'orders:read', 'unknown'], new Map([['orders:read', 'See <your> orders']]));
    expect(html).toContain('<li>See your e-mail address <code>email</code></li>');
    expect(html).toContain('<li>See &lt;your&gt; orders <code>orders:read</code></li>');
    expect(html).toContain('<li><code>unknown</code></li>');
  });
});

describe(pageHeaders.name, () => {
  const csp = (headers: Record<string, string>) => headers['Content-Security-Policy'];
  it("allows images only from the logo's https origin", () => {
    expect(csp(pageHeaders(undefined, { image: 'https://cdn.example/logo.png' }))).toContain("img-src 'self' data: https://cdn.example;");
    expect(csp(pageHeaders(undefined, { image: 'http://cdn.example/logo.png' }))).toContain("img-src 'self' data:;");
    expect(csp(pageHeaders())).toContain("img-src 'self' data:;");
  });
});
