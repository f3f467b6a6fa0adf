import { Injectable, OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, constantTimeEqual, cookieName, randomToken, readCookie, serverSecret, setCookie } from '@app/core';

/**
 * CSRF protection for our HTML forms (login, consent, logout): a random, HttpOnly browser cookie plus a
 * form token that is an HMAC of that cookie and the form's purpose under a server key. An attacker who can
 * plant a cookie still cannot compute the matching token without the key (OWASP "signed double submit").
 * The key is stored once in the database so every instance accepts every other's tokens.
 */
@Injectable()
export class CsrfService implements OnModuleInit {
  private key: Buffer | undefined;
  private readonly cookie: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.cookie = cookieName('csrf', config);
  }

  async onModuleInit(): Promise<void> {
    this.key = await serverSecret(this.dataSource, 'csrf');
  }

  /** The token to embed in a form for `purpose`; sets the browser cookie when it has none. */
  issue(request: FastifyRequest, reply: FastifyReply, purpose: string): string {
    let browser = readCookie(request, this.cookie);
    if (!browser) {
      browser = randomToken(32);
      setCookie(reply, this.cookie, browser, { secure: this.config.secureCookies });
      // Later reads in this request see the new value.
      request.headers.cookie = [request.headers.cookie, `${this.cookie}=${browser}`].filter(Boolean).join('; ');
    }
    return this.mac(browser, purpose);
  }

  /** True when the submitted token belongs to this browser and this purpose. */
  verify(request: FastifyRequest, purpose: string, submitted: string | undefined): boolean {
    const browser = readCookie(request, this.cookie);
    if (!browser || !submitted) return false;
    return constantTimeEqual(this.mac(browser, purpose), submitted);
  }

  private mac(browser: string, purpose: string): string {
    if (!this.key) throw new Error('CSRF key not loaded');
    return createHmac('sha256', this.key).update(`${purpose}\n${browser}`).digest('base64url');
  }
}
