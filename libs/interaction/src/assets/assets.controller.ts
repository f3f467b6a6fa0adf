import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FORM_POST_SCRIPT } from './form-post-script';
import { FRONTCHANNEL_LOGOUT_SCRIPT } from './frontchannel-logout-script';
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

/** The few script files our pages load (the pages' CSP allows scripts from this origin only, never inline). */
@Controller('assets')
export class AssetsController {
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
