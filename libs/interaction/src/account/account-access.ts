import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig, Clock } from '@app/core';
import { SessionDetails, SsoSessionService } from '@app/users';
import { CsrfService } from '../http/csrf.service';
import { factorChangeDetour } from '../http/fresh-authentication';
import { ErrorPage } from '../http/page-errors';
import { pageTranslator } from '../i18n/page-context';
import { seeOther } from '../http/see-other';
import { sessionOrSignIn } from '../http/session-page';

const CSRF_PURPOSE = 'account';

/**
 * What every account page needs: the person's own SSO session (no session, no page), the forms' CSRF
 * token, the recent (and, once they have factors, multi-factor) sign-in that changes to sign-in methods
 * require, and the audit record of each change.
 */
@Injectable()
export class AccountAccess {
  constructor(
    private readonly sessions: SsoSessionService,
    private readonly csrf: CsrfService,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** `/account/...` under the issuer's path. */
  path(subpath = ''): string {
    return `${this.config.pathPrefix}/account${subpath}`;
  }

  /** The live session of this browser, or undefined after sending the browser to sign in and come back to `subpath`. */
  signedIn(request: FastifyRequest, reply: FastifyReply, subpath = ''): Promise<SessionDetails | undefined> {
    return sessionOrSignIn(this.sessions, request, reply, this.config.pathPrefix, this.path(subpath));
  }

  csrfToken(request: FastifyRequest, reply: FastifyReply): string {
    return this.csrf.issue(request, reply, CSRF_PURPOSE);
  }

  /** Checked before anything else a form asks for. */
  assertOwnForm(request: FastifyRequest, submitted: string | undefined): void {
    if (!this.csrf.verify(request, CSRF_PURPOSE, submitted)) {
      const t = pageTranslator();
      throw new ErrorPage(t.t('account.formExpired.title'), t.t('account.formExpired.text'), 403, 'invalid_request');
    }
  }

  /**
   * True when the session may change how its person signs in (a sign-in within five minutes, with a second
   * factor once the person has one); otherwise the browser is sent to prove it again and come back to
   * `subpath`, where the form is shown anew.
   */
  async mayChangeFactorsOrDetour(session: SessionDetails, reply: FastifyReply, subpath: string, hasFactors: boolean): Promise<boolean> {
    const detour = this.factorChangeDetour(session, subpath, hasFactors);
    if (detour) await seeOther(reply, detour);
    return detour === undefined;
  }

  /** Where the person would be sent before a change to their factors, or undefined when it may go ahead. */
  factorChangeDetour(session: SessionDetails, subpath: string, hasFactors: boolean): string | undefined {
    return factorChangeDetour(session, this.clock.now(), hasFactors, this.config.pathPrefix, this.path(subpath));
  }

  /** A change the person made to their own account, recorded with where the request came from. */
  async record(request: FastifyRequest, session: SessionDetails, action: string, target: { type: string; id: string }, details: Record<string, unknown> = {}): Promise<void> {
    await this.audit.record({
      action,
      actor: { type: 'person', id: session.userId },
      target,
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { session_id: session.sessionId, ...details },
    });
  }

  /** After a change: back to the page, with a fixed notice named by `notice` (never text from the request). */
  async done(reply: FastifyReply, subpath: string, notice: string): Promise<void> {
    await seeOther(reply, `${this.path(subpath)}?${new URLSearchParams({ done: notice })}`);
  }
}
