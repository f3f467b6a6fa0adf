import { BrowserSession, formAction } from '../support/browser-session';
import { machineToken } from '../support/admin-tokens';
import { request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, registerWebClient } from '../support/sign-in';

const LOGO = 'https://cdn.acme.example/logo.svg';
const EMPTY = { organization_name: null, logo_uri: null, primary_color: null, custom_css: null, updated_at: null };
const BRANDING = { organization_name: 'Acme <Corp> & Co', logo_uri: LOGO, primary_color: '#0B5FFF', custom_css: '.brand-name { letter-spacing: .02em; }' };

type ErrorBody = { error: string; fields: Record<string, string> };

/** The organization's branding, set through the admin API and shown on every page under the strict CSP. */
describe('Branding through /admin/v1/branding', () => {
  const ctx = useTestServer();

  async function signInPage() {
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders' });
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await browser.follow(await browser.get(authorizeWithPkce(client.client_id, { scope: 'openid' }).url));
    expect(page.status).toBe(200);
    expect(formAction(page.text)).toBe('/login');
    return page;
  }

  it('answers every field null while no branding is set, and the pages keep the built-in look', async () => {
    const response = await ctx.admin.get('/admin/v1/branding');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(EMPTY);
    const page = await signInPage();
    expect(page.text).toMatch(/<link rel="stylesheet" href="\/assets\/pages\.css\?v=[\w-]+">/);
    expect(page.text).not.toContain('brand.css');
    expect(page.text).not.toContain('<header class="brand">');
    expect(page.text).not.toContain('<style');
    expect(page.text).not.toContain('style=');
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self';");
  });

  it('stores a branding and answers it, the colour in lower case, with when it changed', async () => {
    const put = await ctx.admin.send('PUT', '/admin/v1/branding', BRANDING);
    expect(put.status).toBe(200);
    const expected = { ...BRANDING, primary_color: '#0b5fff' };
    expect(put.body).toMatchObject(expected);
    expect(Date.parse(String(put.body.updated_at))).toBeGreaterThan(Date.now() - 60_000);
    const get = await ctx.admin.get('/admin/v1/branding');
    expect(get.body).toEqual({ ...expected, updated_at: put.body.updated_at });
  });

  it.each([
    ['a colour that is not #rrggbb', { primary_color: 'blue' }, 'primary_color'],
    ['a short colour', { primary_color: '#fff' }, 'primary_color'],
    ['an http logo', { logo_uri: 'http://cdn.acme.example/logo.svg' }, 'logo_uri'],
    ['a javascript: logo', { logo_uri: 'javascript:alert(1)' }, 'logo_uri'],
    ['custom CSS over 48 KiB', { custom_css: `/*${'x'.repeat(49 * 1024)}*/` }, 'custom_css'],
    ['no organization name', { organization_name: undefined }, 'organization_name'],
    ['an empty organization name', { organization_name: '' }, 'organization_name'],
    ['an organization name over 100 characters', { organization_name: 'x'.repeat(101) }, 'organization_name'],
  ])('refuses %s with 400 invalid_request naming the field', async (_name, change, field) => {
    const response = await ctx.admin.send<ErrorBody>('PUT', '/admin/v1/branding', { ...BRANDING, ...change });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
    expect(response.body.fields).toHaveProperty(field);
  });

  it('lets an admin:read token read the branding but not change or reset it', async () => {
    const reader = await machineToken(ctx, 'admin:read');
    const headers = { authorization: `Bearer ${reader}` };
    const url = `${ctx.server.baseUrl}/admin/v1/branding`;
    expect((await request(url, { headers })).status).toBe(200);
    const put = await request(url, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(BRANDING) });
    expect(put.status).toBe(403);
    expect((await request(url, { method: 'DELETE', headers })).status).toBe(403);
    expect((await request(url)).status).toBe(401);
  });

  it('shows the organization on the sign-in page: header, logo, title, brand stylesheet, the logo origin in img-src only', async () => {
    await ctx.admin.send('PUT', '/admin/v1/branding', BRANDING);
    const page = await signInPage();
    expect(page.text).toContain(`<header class="brand"><img class="brand-logo" src="${LOGO}" alt="Acme &lt;Corp&gt; &amp; Co"><span class="brand-name">Acme &lt;Corp&gt; &amp; Co</span></header>`);
    expect(page.text).not.toContain('Acme <Corp>');
    expect(page.text).toMatch(/<title>[^<]* · Acme &lt;Corp&gt; &amp; Co<\/title>/);
    const link = /<link rel="stylesheet" href="(\/assets\/brand\.css\?v=[\w-]+)">/.exec(page.text);
    expect(link).not.toBeNull();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("img-src 'self' data: https://cdn.acme.example;");

    const css = await fetch(`${ctx.server.baseUrl}${link![1]}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
    const text = await css.text();
    expect(text).toContain('--brand-primary: #0b5fff;');
    expect(text).toContain('--brand-on-primary: #ffffff;');
    expect(text).toContain('.brand-name { letter-spacing: .02em; }');
  });

  it('serves the built-in stylesheet as a long-cached file', async () => {
    const page = await signInPage();
    const href = /href="(\/assets\/pages\.css\?v=[\w-]+)"/.exec(page.text)![1];
    const css = await fetch(`${ctx.server.baseUrl}${href}`);
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toContain('main:has(nav.account)');
  });

  it('documents the three routes in the OpenAPI document', async () => {
    const openapi = await request<{ paths: Record<string, Record<string, unknown>> }>(`${ctx.server.baseUrl}/admin/v1/openapi.json`);
    expect(Object.keys(openapi.body.paths['/admin/v1/branding'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
  });

  it('records branding.updated and branding.reset in the audit log', async () => {
    await ctx.admin.send('PUT', '/admin/v1/branding', { ...BRANDING, organization_name: 'Acme Audited' });
    expect((await ctx.admin.send('DELETE', '/admin/v1/branding')).status).toBe(204);
    const updated = await ctx.admin.get<{ items: Array<{ action: string; target_type: string; details: Record<string, unknown> }> }>('/admin/v1/events?action=branding.updated');
    expect(updated.body.items.length).toBeGreaterThanOrEqual(2);
    expect(updated.body.items[0]).toMatchObject({ action: 'branding.updated', target_type: 'branding' });
    const reset = await ctx.admin.get<{ items: Array<{ action: string }> }>('/admin/v1/events?action=branding.reset');
    expect(reset.body.items).toHaveLength(1);
  });

  it('after DELETE answers the defaults and the pages lose the header', async () => {
    expect((await ctx.admin.send('DELETE', '/admin/v1/branding')).status).toBe(204);
    expect((await ctx.admin.get('/admin/v1/branding')).body).toEqual(EMPTY);
    const page = await signInPage();
    expect(page.text).not.toContain('<header class="brand">');
    expect(page.text).not.toContain('brand.css');
    expect(page.headers.get('content-security-policy')).not.toContain('cdn.acme.example');
  });
});
