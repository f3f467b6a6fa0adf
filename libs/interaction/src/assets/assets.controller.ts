import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { BrandingService, brandStylesheet } from '@app/branding';
import { dirname, join } from 'node:path';
import { FORM_POST_SCRIPT } from './form-post-script';
import { FRONTCHANNEL_LOGOUT_SCRIPT } from './frontchannel-logout-script';
import { PAGES_CSS, PAGES_CSS_DIGEST } from './pages-stylesheet';
import { PASSKEY_SCRIPT } from './passkey-script';

/** @simplewebauthn/browser's standalone bundle, read once: it sets `window.SimpleWebAuthnBrowser`. */
const WEBAUTHN_BROWSER = readFileSync(
  join(dirname(require.resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle', 'index.umd.min.js'),
  'utf8',
);

const SCRIPT_HEADERS = {
  'Content-Type': 'text/javascript; charset=utf-8',
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'public, max-age=3600',
};

const STYLE_HEADERS = { 'Content-Type': 'text/css; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
/** For a URL carrying the digest of what it serves: that URL never serves anything else. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The few script and style files our pages load (the pages' CSP allows scripts from this origin only, never inline). */
@Controller('assets')
export class AssetsController {
  constructor(private readonly branding: BrandingService) {}

  @Get('pages.css')
  async pages(@Query('v') version: unknown, @Res() reply: FastifyReply): Promise<void> {
    const cache = version === PAGES_CSS_DIGEST ? IMMUTABLE : 'no-cache';
    await reply.headers({ ...STYLE_HEADERS, 'Cache-Control': cache }).send(PAGES_CSS);
  }

  /** The brand's colours and custom CSS; the pages link it with the digest of the branding in force. */
  @Get('brand.css')
  async brand(@Query('v') version: unknown, @Res() reply: FastifyReply): Promise<void> {
    const current = await this.branding.get();
    // An older digest (a page from before a change) gets today's stylesheet, but it is not kept.
    const cache = version === current.digest ? IMMUTABLE : 'no-cache';
    await reply.headers({ ...STYLE_HEADERS, 'Cache-Control': cache }).send(brandStylesheet(current.branding));
  }

  @Get('webauthn-browser.js')
  async webauthnBrowser(@Res() reply: FastifyReply): Promise<void> {
    await reply.headers(SCRIPT_HEADERS).send(WEBAUTHN_BROWSER);
  }

  @Get('passkey.js')
  async passkey(@Res() reply: FastifyReply): Promise<void> {
    await reply.headers(SCRIPT_HEADERS).send(PASSKEY_SCRIPT);
  }

  @Get('frontchannel-logout.js')
  async frontChannelLogout(@Res() reply: FastifyReply): Promise<void> {
    await reply.headers(SCRIPT_HEADERS).send(FRONTCHANNEL_LOGOUT_SCRIPT);
  }

  @Get('form-post.js')
  async formPost(@Res() reply: FastifyReply): Promise<void> {
    await reply.headers(SCRIPT_HEADERS).send(FORM_POST_SCRIPT);
  }
}
