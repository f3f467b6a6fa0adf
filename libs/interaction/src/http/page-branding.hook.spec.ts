import Fastify, { FastifyInstance } from 'fastify';
import type { CurrentBranding } from '@app/branding';
import type { AppConfig } from '@app/core';
import { PAGE_HEAD_SLOT, PAGE_HEADER_SLOT } from './html';
import { registerPageBranding } from './page-branding.hook';

const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'";
const PAGE = `<!doctype html><html><head><title>Sign in</title>${PAGE_HEAD_SLOT}</head><body><main>${PAGE_HEADER_SLOT}<h1>Sign in</h1></main></body></html>`;

function appWith(current: () => Promise<CurrentBranding>): FastifyInstance {
  const app = Fastify();
  registerPageBranding(app, { pathPrefix: '/tenant' } as AppConfig, { get: current });
  app.get('/page', async (_request, reply) => reply.headers({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP }).send(PAGE));
  app.get('/json', async (_request, reply) => reply.header('content-type', 'application/json').send(JSON.stringify({ page: PAGE })));
  return app;
}

const branded = (logoUri: string | null): CurrentBranding => ({
  branding: { organizationName: 'Acme <&> "Co"', logoUri, primaryColor: '#0b5fff', customCss: null, updatedAt: new Date() },
  digest: 'd1g3st',
});

describe('registerPageBranding', () => {
  it('links only the built-in stylesheet and leaves no header while no branding is set', async () => {
    const sut = appWith(async () => ({ branding: null, digest: 'none' }));
    const response = await sut.inject('/page');
    expect(response.body).toMatch(/<title>Sign in<\/title><link rel="stylesheet" href="\/tenant\/assets\/pages\.css\?v=[\w-]+"><\/head>/);
    expect(response.body).toContain('<main><h1>');
    expect(response.headers['content-security-policy']).toBe(CSP);
  });

  it('adds the escaped name to the title and header, the brand stylesheet, and the https logo with its origin in img-src', async () => {
    const sut = appWith(async () => branded('https://cdn.acme.example/logo.svg?size=2&x="y"'));
    const response = await sut.inject('/page');
    const name = 'Acme &lt;&amp;&gt; &quot;Co&quot;';
    expect(response.body).toContain(`<title>Sign in · ${name}</title>`);
    expect(response.body).toContain('<link rel="stylesheet" href="/tenant/assets/brand.css?v=d1g3st">');
    expect(response.body).toContain(`<main><header class="brand"><img class="brand-logo" src="https://cdn.acme.example/logo.svg?size=2&amp;x=&quot;y&quot;" alt="${name}"><span class="brand-name">${name}</span></header><h1>`);
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; style-src 'self'; img-src 'self' data: https://cdn.acme.example; form-action 'self'");
  });

  it("keeps a name's $ signs as text, not as replacement patterns", async () => {
    const current = branded(null);
    current.branding!.organizationName = "Dollar $& $' Co";
    const response = await appWith(async () => current).inject('/page');
    expect(response.body).toContain("<title>Sign in · Dollar $&amp; $&#39; Co</title>");
    expect(response.body).toContain("<span class=\"brand-name\">Dollar $&amp; $&#39; Co</span></header><h1>");
  });

  it('shows no logo from an http URL and leaves the CSP alone', async () => {
    const sut = appWith(async () => branded('http://cdn.acme.example/logo.svg'));
    const response = await sut.inject('/page');
    expect(response.body).not.toContain('<img');
    expect(response.body).toContain('<span class="brand-name">');
    expect(response.headers['content-security-policy']).toBe(CSP);
  });

  it('renders the built-in look when the branding cannot be read', async () => {
    const sut = appWith(async () => { throw new Error('database down'); });
    const response = await sut.inject('/page');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('pages.css');
    expect(response.body).not.toContain(PAGE_HEAD_SLOT);
    expect(response.body).not.toContain(PAGE_HEADER_SLOT);
  });

  it('leaves responses that are not HTML untouched', async () => {
    const sut = appWith(async () => branded(null));
    const response = await sut.inject('/json');
    expect(JSON.parse(response.body)).toEqual({ page: PAGE });
  });
});
