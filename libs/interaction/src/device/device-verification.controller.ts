import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, FormParams } from '@app/core';
import { ApiService } from '@app/clients';
import { SsoSessionService, UserService } from '@app/users';
import { logoOf } from '../http/client-context';
import { CsrfService } from '../http/csrf.service';
import { Page } from '../http/page.decorator';
import { ErrorPage } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { pageForm, pageQuery } from '../http/page-params';
import { stepUpPath } from '../authorize/step-up';
import { seeOther } from '../http/see-other';
import { pageTranslator } from '../i18n/page-context';
import { renderCodeForm, renderConfirm, renderMessage } from './device-pages';
import { USER_CODE_WINDOW_SECONDS } from './device-verification-throttle.service';
import { DeviceVerificationService } from './device-verification.service';

const CSRF_PURPOSE = 'device-verification';

/**
 * RFC 8628 §3.3: the verification page. `GET /device` asks for the code; `POST /device` looks it up
 * for a signed-in person and shows the allow/deny page, whose answer is posted back here.
 */
@Page()
@Controller('device')
export class DeviceVerificationController {
  constructor(
    private readonly verification: DeviceVerificationService,
    private readonly sessions: SsoSessionService,
    private readonly csrf: CsrfService,
    private readonly config: AppConfig,
    private readonly users: UserService,
    private readonly apis: ApiService,
  ) {}

  @Get()
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = orNothing(() => pageQuery(request));
    // RFC 8628 §3.3.1: verification_uri_complete carries the code, so the person only confirms it.
    const page = renderCodeForm({ pathPrefix: this.config.pathPrefix, csrfToken: this.token(request, reply), userCode: query?.user_code?.slice(0, 32) });
    await send(reply, 200, page);
  }

  @Post()
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const t = pageTranslator();
    const params = orNothing(() => pageForm(request));
    if (!params) return send(reply, 400, renderCodeForm({ pathPrefix: this.config.pathPrefix, csrfToken: this.token(request, reply), error: t.t('device.code.malformed') }));
    const userCode = params.user_code?.slice(0, 32);
    if (!this.csrf.verify(request, CSRF_PURPOSE, params.csrf_token)) {
      return send(reply, 403, renderCodeForm({ pathPrefix: this.config.pathPrefix, csrfToken: this.token(request, reply), userCode, error: t.t('device.code.expired') }));
    }
    const session = await this.sessions.currentSession(request);
    if (!session) return seeOther(reply, this.loginThenBack(userCode));
    const lookup = await this.verification.lookup(userCode, { ip: request.ip, sessionId: session.sessionId });
    if (lookup.kind === 'throttled') {
      void reply.header('Retry-After', String(USER_CODE_WINDOW_SECONDS));
      const text = t.t('device.throttled.text', { minutes: USER_CODE_WINDOW_SECONDS / 60 });
      return send(reply, 429, renderMessage(t.t('device.throttled.title'), text, true));
    }
    if (lookup.kind === 'invalid') {
      return send(reply, 400, renderCodeForm({ pathPrefix: this.config.pathPrefix, csrfToken: this.token(request, reply), userCode, error: t.t('device.code.invalid') }));
    }
    // Checked again when the decision is posted: the person may have been taken out of the groups meanwhile.
    if (!(await this.verification.admitOrDeny(lookup.userCode, lookup.client, session))) {
      const text = t.t('device.noAccess.text', { client: lookup.client.clientName });
      return send(reply, 403, renderMessage(t.t('device.noAccess.title'), text, true));
    }
    // The sign-in must be as strong as the client and the person's groups need, as on the authorization endpoint.
    const stepUp = await this.verification.stepUpFor(lookup.client, session);
    if (stepUp) {
      const back = this.config.localPath(`/device?user_code=${encodeURIComponent(lookup.userCode)}`);
      return seeOther(reply, stepUpPath(this.config.pathPrefix, stepUp.page, back, stepUp.level));
    }
    if (params.decision === undefined) {
      const person = await this.users.findById(session.userId);
      if (!person) return seeOther(reply, this.loginThenBack(userCode));
      const scopes = lookup.authorization.scopes;
      const page = renderConfirm({
        pathPrefix: this.config.pathPrefix,
        csrfToken: this.token(request, reply),
        userCode: lookup.userCode,
        client: lookup.client,
        scopes,
        scopeDescriptions: await this.apis.scopeDescriptions(scopes),
        person,
        // Signing in again replaces this browser's session; the code stays valid on the device meanwhile.
        switchAccountHref: this.loginThenBack(lookup.userCode),
      });
      return send(reply, 200, page, logoOf(lookup.client));
    }
    if (params.decision !== 'allow' && params.decision !== 'deny') {
      return send(reply, 400, renderMessage(t.t('device.invalidDecision.title'), t.t('device.invalidDecision.text'), true));
    }
    const allow = params.decision === 'allow';
    if (!(await this.verification.decide(lookup.userCode, allow, session, lookup.client))) {
      return send(reply, 400, renderMessage(t.t('device.used.title'), t.t('device.used.text'), true));
    }
    return allow
      ? send(reply, 200, renderMessage(t.t('device.connected.title'), t.t('device.connected.text')))
      : send(reply, 200, renderMessage(t.t('device.denied.title'), t.t('device.denied.text')));
  }

  /** The sign-in page, returning to this page with the code the person typed. */
  private loginThenBack(userCode: string | undefined): string {
    const back = this.config.localPath(userCode ? `/device?user_code=${encodeURIComponent(userCode)}` : '/device');
    return this.config.localPath(`/login?return_to=${encodeURIComponent(back)}`);
  }

  private token(request: FastifyRequest, reply: FastifyReply): string {
    return this.csrf.issue(request, reply, CSRF_PURPOSE);
  }
}

/** The page's parameters, or nothing when malformed: this page then shows its code form again. */
function orNothing(read: () => FormParams): FormParams | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof ErrorPage) return undefined;
    throw error;
  }
}

/** `logo`: the https logo the page shows, which its CSP then allows (only that origin). */
async function send(reply: FastifyReply, status: number, page: string, logo?: string): Promise<void> {
  await reply.status(status).headers(pageHeaders(undefined, { image: logo })).send(page);
}
