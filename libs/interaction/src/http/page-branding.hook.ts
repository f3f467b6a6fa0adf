import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CurrentBranding } from '@app/branding';
import type { AppConfig } from '@app/core';
import { PAGES_CSS_DIGEST } from '../assets/pages-stylesheet';
import { escapeHtml, PAGE_HEAD_SLOT, PAGE_HEADER_SLOT } from './html';
import { cspSource } from './page-headers';

/** What the hook needs of BrandingService: the branding in force, cached. */
export interface BrandingSource {
  get(): Promise<CurrentBranding>;
}

/**
 * Fills the slots htmlPage leaves in every page: the built-in and the brand stylesheets in the head, the
 * organization's header at the top of main, its name in the title, and its logo's origin in the CSP's
 * img-src. A page still renders, in the built-in look, when the branding cannot be read.
 */
export function registerPageBranding(fastify: FastifyInstance, config: AppConfig, branding: BrandingSource): void {
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (typeof payload !== 'string' || !payload.includes(PAGE_HEAD_SLOT)) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const current = await branding.get().catch(() => undefined);
    return brandPage(payload, reply, config.pathPrefix, current);
  });
}

function brandPage(page: string, reply: FastifyReply, pathPrefix: string, current: CurrentBranding | undefined): string {
  const assets = `${pathPrefix}/assets`;
  let head = `<link rel="stylesheet" href="${escapeHtml(`${assets}/pages.css?v=${PAGES_CSS_DIGEST}`)}">`;
  const brand = current?.branding;
  if (!current || !brand) return page.replace(PAGE_HEAD_SLOT, () => head).replace(PAGE_HEADER_SLOT, '');
  head += `<link rel="stylesheet" href="${escapeHtml(`${assets}/brand.css?v=${current.digest}`)}">`;
  const name = escapeHtml(brand.organizationName);
  const logoOrigin = brand.logoUri ? httpsOrigin(brand.logoUri) : undefined;
  const logo = logoOrigin ? `<img class="brand-logo" src="${escapeHtml(brand.logoUri!)}" alt="${name}">` : '';
  if (logoOrigin) allowImagesFrom(reply, logoOrigin);
  const header = `<header class="brand">${logo}<span class="brand-name">${name}</span></header>`;
  // Replacer functions: a `$&` or `$'` in an organization's name must stay text, not a replacement pattern.
  return page
    .replace('</title>', () => ` · ${name}</title>`)
    .replace(PAGE_HEAD_SLOT, () => head)
    .replace(PAGE_HEADER_SLOT, () => header);
}

function httpsOrigin(url: string): string | undefined {
  const source = cspSource(url);
  return source?.startsWith('https://') ? source : undefined;
}

/** Adds the logo's origin to img-src, next to whatever the page already allows (an application's logo). */
function allowImagesFrom(reply: FastifyReply, origin: string): void {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string') return;
  const directive = /(^|;\s*)img-src ([^;]*)/.exec(csp);
  if (!directive || directive[2].split(/\s+/).includes(origin)) return;
  const start = directive.index + directive[0].length;
  reply.header('content-security-policy', `${csp.slice(0, start)} ${origin}${csp.slice(start)}`);
}
