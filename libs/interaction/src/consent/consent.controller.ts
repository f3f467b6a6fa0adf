import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiService } from '@app/clients';
import { AppConfig } from '@app/core';
import { ConsentService, SsoSessionService, UserService } from '@app/users';
import { AuthorizationFlow } from '../authorize/authorization-flow.service';
import { logoOf } from '../http/client-context';
import { CsrfService } from '../http/csrf.service';
import { Page } from '../http/page.decorator';
import { ErrorPage } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { pageForm, pageQuery } from '../http/page-params';
import { seeOther } from '../http/see-other';
import { pageTranslator } from '../i18n/page-context';
import { renderConsentPage } from './consent-page';

const purpose = (requestId: string) => `consent:${requestId}`;

/** The consent form's CSRF token did not match: an old tab, or a form this browser was not given. */
function consentFormExpired(): ErrorPage {
  const t = pageTranslator();
  return new ErrorPage(t.t('page.formExpired.title'), t.t('consent.expired'), 403);
}

/** The consent page of the authorization flow (GET shows it, POST records allow or deny). */
@Page()
@Controller('oauth2/consent')
export class ConsentController {
  constructor(
    private readonly flow: AuthorizationFlow,
    private readonly sessions: SsoSessionService,
    private readonly users: UserService,
    private readonly consents: ConsentService,
    private readonly csrf: CsrfService,
    private readonly config: AppConfig,
    private readonly apis: ApiService,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const requestId = pageQuery(request).request;
    const { stored, client } = await this.flow.load(requestId);
    // Another browser's request: the flow gives this browser a request of its own first.
    if (!this.flow.isOwnBrowser(stored, request)) return this.backToFlow(reply, requestId!);
    const session = await this.sessions.current(request);
    const user = session && (await this.users.findById(session.userId));
    // Not signed in (any more): the flow sends the browser to the login page first. Signed in as someone the
    // client does not admit (another tab signed in since): the flow ends the request with access_denied.
    if (!session || !user || !(await this.flow.admits(client, session.userId))) return this.backToFlow(reply, requestId!);
    const page = renderConsentPage({
      pathPrefix: this.config.pathPrefix,
      client,
      scopes: stored.scopes,
      scopeDescriptions: await this.apis.scopeDescriptions(stored.scopes),
      requestId: requestId!,
      csrfToken: this.csrf.issue(request, reply, purpose(requestId!)),
      person: user,
    });
    await reply.status(200).headers(pageHeaders(stored.redirectUri, { image: logoOf(client) })).send(page);
  }

  @Post()
  async decide(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = pageForm(request);
    const { stored, client } = await this.flow.load(params.request);
    if (!this.csrf.verify(request, purpose(params.request!), params.csrf_token)) {
      throw consentFormExpired();
    }
    const session = await this.sessions.current(request);
    if (!session || !this.flow.isOwnBrowser(stored, request)) return this.backToFlow(reply, params.request!);
    if (params.decision === 'deny') return this.flow.deny(stored);
    if (params.decision !== 'allow') {
      const t = pageTranslator();
      throw new ErrorPage(t.t('page.invalidRequest'), t.t('consent.chooseDecision'));
    }
    // No consent is recorded for a person the client does not admit; the flow then answers access_denied.
    if (!(await this.flow.admits(client, session.userId))) return this.backToFlow(reply, params.request!);
    await this.consents.grant(session.userId, stored.clientId, stored.scopes);
    await this.flow.markConsented(stored, session.userId);
    return this.backToFlow(reply, params.request!);
  }

  /**
   * "Not you?": the request stays, and goes back through the sign-in page (its resume URL), which the
   * session signed in so far no longer satisfies for this request.
   */
  @Post('switch-account')
  async switchAccount(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = pageForm(request);
    const { stored } = await this.flow.load(params.request);
    if (!this.csrf.verify(request, purpose(params.request!), params.csrf_token)) {
      throw consentFormExpired();
    }
    if (this.flow.isOwnBrowser(stored, request)) await this.flow.switchAccount(stored);
    return this.backToFlow(reply, params.request!);
  }

  private async backToFlow(reply: FastifyReply, requestId: string): Promise<void> {
    await seeOther(reply, this.flow.resumePath(requestId));
  }
}
