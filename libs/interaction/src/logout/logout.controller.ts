import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, FormParams } from '@app/core';
import { CurrentSession, SsoSessionService, UserService } from '@app/users';
import { logoOf } from '../http/client-context';
import { CsrfService } from '../http/csrf.service';
import { Page } from '../http/page.decorator';
import { ErrorPage } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { pageForm, pageQuery } from '../http/page-params';
import { seeOther } from '../http/see-other';
import { rememberLocale } from '../i18n/locale-cookie';
import { localeFromUiLocales } from '../i18n/locales';
import { pageContextOf, pageTranslator } from '../i18n/page-context';
import { frontChannelHeaders } from './frontchannel-logout';
import { renderLogoutConfirmPage, renderSignedOutPage } from './logout-pages';
import { LogoutRequest, LogoutService, postLogoutLocation } from './logout.service';

const CSRF_PURPOSE = 'logout';
/** The title of a malformed sign-out request's page, in the person's language. */
const invalidRequest = () => pageTranslator().t('logout.invalid.title');

/**
 * OIDC RP-Initiated Logout 1.0: the end_session_endpoint. Ends the browser's session and the tokens it
 * produced, except grants with offline_access (OIDC Core §11).
 */
@Page()
@Controller('oauth2/logout')
export class LogoutController {
  constructor(
    private readonly logout: LogoutService,
    private readonly sessions: SsoSessionService,
    private readonly csrf: CsrfService,
    private readonly config: AppConfig,
    private readonly users: UserService,
  ) {}

  @Get()
  async get(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.start(pageQuery(request, invalidRequest()), request, reply);
  }

  @Post()
  async post(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = pageForm(request, invalidRequest());
    this.useRequestedLanguage(params, request, reply);
    await this.start(params, request, reply);
  }

  @Post('confirm')
  async confirm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = pageForm(request, invalidRequest());
    if (!this.csrf.verify(request, CSRF_PURPOSE, params.csrf_token)) {
      const t = pageTranslator();
      throw new ErrorPage(t.t('page.formExpired.title'), t.t('logout.confirm.expired'), 403);
    }
    const logout = await this.logout.validate({ ...params, id_token_hint: '' });
    const frames = await this.signOut(await this.sessions.currentSession(request), request, reply);
    await this.finish(logout, frames, reply);
  }

  private async start(params: FormParams, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const logout = await this.logout.validate(params);
    const session = await this.sessions.currentSession(request);
    // The hint proves the RP speaks for this very session: no need to ask (RP-Initiated Logout 1.0 §2).
    const proven = session && logout.hint && logout.hint.sid === session.sessionId && logout.hint.sub === session.userId;
    if (!session || proven) {
      const frames = await this.signOut(session, request, reply);
      return this.finish(logout, frames, reply);
    }
    const page = renderLogoutConfirmPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.csrf.issue(request, reply, CSRF_PURPOSE),
      clientId: logout.client?.clientId,
      postLogoutRedirectUri: logout.postLogoutRedirectUri,
      state: logout.state,
      client: logout.client,
      person: await this.users.findById(session.userId),
    });
    const logo = logout.client && logoOf(logout.client);
    await reply.status(200).headers(pageHeaders(logout.postLogoutRedirectUri, { image: logo })).send(page);
  }

  /**
   * The session's tokens end with it, in the same commit (SessionTokensListener). Returns the apps'
   * front-channel logout pages, found while the session still lists its apps.
   */
  private async signOut(session: CurrentSession | undefined, request: FastifyRequest, reply: FastifyReply): Promise<string[]> {
    const frames = session ? await this.logout.frontChannelFrames(session.sessionId) : [];
    await this.sessions.end(request, reply);
    return frames;
  }

  /**
   * RP-Initiated Logout 1.0 §2: ui_locales in a posted request's body (one in the query was taken with the
   * page context), kept for the confirmation that follows.
   */
  private useRequestedLanguage(params: FormParams, request: FastifyRequest, reply: FastifyReply): void {
    const locale = localeFromUiLocales(params.ui_locales);
    if (!locale) return;
    rememberLocale(reply, this.config, locale);
    pageContextOf(request)?.use(locale);
  }

  /** With front-channel logout pages to load, the redirect waits for them on the signed-out page. */
  private async finish(logout: LogoutRequest, frames: readonly string[], reply: FastifyReply): Promise<void> {
    const location = postLogoutLocation(logout);
    if (frames.length > 0) {
      const page = renderSignedOutPage({ pathPrefix: this.config.pathPrefix, frames, continueTo: location });
      await reply.status(200).headers(frontChannelHeaders(frames, location)).send(page);
      return;
    }
    if (location) return seeOther(reply, location);
    await reply.status(200).headers(pageHeaders()).send(renderSignedOutPage());
  }
}
