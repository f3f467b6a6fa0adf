import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, cookieName, randomToken, readCookie, setCookie, sha256 } from '@app/core';

/**
 * Ties a stored authorization request to the browser that made it. The resume, consent and login URLs
 * carry the request's id, and a URL can be handed to someone else: without this, a person who opened an
 * attacker's half-finished request would continue it, past a consent page the attacker had answered. The
 * browser holds a random cookie; the request stores its digest, and only that browser may continue it.
 */
@Injectable()
export class BrowserBinding {
  private readonly cookie: string;

  constructor(private readonly config: AppConfig) {
    this.cookie = cookieName('browser', config);
  }

  /** The digest that names this browser, giving it its random cookie first when it has none. */
  bind(request: FastifyRequest, reply: FastifyReply): string {
    let value = readCookie(request, this.cookie);
    if (!value) {
      value = randomToken(32);
      // A browser-session cookie: a pending request lives minutes, not across browser restarts.
      setCookie(reply, this.cookie, value, { secure: this.config.secureCookies });
    }
    return sha256(value);
  }

  /** True when `browserHash` names the browser that sent `request`. */
  isSameBrowser(request: FastifyRequest, browserHash: string | null): boolean {
    const value = readCookie(request, this.cookie);
    // Digests of 256-bit random values: equality reveals nothing an attacker could use to guess one.
    return value !== undefined && browserHash !== null && sha256(value) === browserHash;
  }
}
