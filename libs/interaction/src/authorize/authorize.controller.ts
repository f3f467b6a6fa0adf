import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, OAuthError } from '@app/core';
import { ScopePolicy } from '@app/grants';
import { IdTokenService } from '@app/tokens';
import { Page } from '../http/page.decorator';
import { AuthorizationRedirectError, ErrorPage } from '../http/page-errors';
import { AuthorizationFlow } from './authorization-flow.service';
import { parseAuthorizationRequest, RawParams } from './authorization-request.parser';
import { ClientRedirectValidator } from './client-redirect.validator';
import { errorResponseMode } from './response-type';
import { PushedRequestService } from '../par/pushed-request.service';
import { rememberLocale } from '../i18n/locale-cookie';
import { localeFromUiLocales } from '../i18n/locales';
import { pageContextOf, pageTranslator } from '../i18n/page-context';

/** RFC 6749 §3.1 authorization endpoint (GET, and POST as OIDC Core §3.1.2.1 requires). */
@Page()
@Controller('oauth2/authorize')
export class AuthorizeController {
  constructor(
    private readonly validator: ClientRedirectValidator,
    private readonly flow: AuthorizationFlow,
    private readonly scopes: ScopePolicy,
    private readonly idTokens: IdTokenService,
    private readonly config: AppConfig,
    private readonly pushed: PushedRequestService,
  ) {}

  @Get()
  async authorizeGet(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.authorize((request.query ?? {}) as RawParams, request, reply);
  }

  @Post()
  async authorizePost(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded' || typeof request.body !== 'object' || request.body === null) {
      const t = pageTranslator();
      throw new ErrorPage(t.t('page.invalidRequest'), t.t('authorize.notAForm'));
    }
    await this.authorize(request.body as RawParams, request, reply);
  }

  /** Where the login and consent pages send the browser back to. */
  @Get('resume')
  async resume(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const id = query.request;
    const { stored, client } = await this.flow.load(typeof id === 'string' ? id : undefined);
    // A step-up page's Cancel: the request ends with an error to the client instead of a code.
    if (query.cancel === 'denied' || query.cancel === 'unmet') return this.flow.cancel(stored, query.cancel, request);
    await this.flow.proceed(id as string, stored, client, request, reply);
  }

  private async authorize(sent: RawParams, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const resolved = await this.pushed.resolve(sent);
    const raw = resolved.raw;
    // A ui_locales sent to /authorize itself was remembered with the page context (registerPageContext).
    if (resolved.pushed || request.method === 'POST') this.rememberLanguage(raw, request, reply);
    const { client, redirectUri } = await this.validator.verify(raw);
    const state = typeof raw.state === 'string' && raw.state !== '' ? raw.state : undefined;
    let params;
    try {
      this.pushed.assertPushedIfRequired(resolved, client);
      params = await parseAuthorizationRequest(raw, client, redirectUri, { scopePolicy: this.scopes, idTokens: this.idTokens });
    } catch (error) {
      // Client and redirect URI are verified: errors go back to the client (RFC 6749 §4.1.2.1).
      if (error instanceof OAuthError) {
        throw new AuthorizationRedirectError(error, redirectUri, state, this.config.issuer, errorResponseMode(raw.response_type, raw.response_mode));
      }
      throw error;
    }
    await this.flow.start(params, client, request, reply);
  }

  private rememberLanguage(raw: RawParams, request: FastifyRequest, reply: FastifyReply): void {
    const locale = localeFromUiLocales(raw.ui_locales);
    if (!locale) return;
    rememberLocale(reply, this.config, locale);
    pageContextOf(request)?.use(locale);
  }
}
