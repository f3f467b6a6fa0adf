import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig, Metrics } from '@app/core';
import { HomeRealmDiscovery, IdentityProviderService } from '@app/federation';
import { LoginFailed } from '@app/users';
import { ResumedRequests } from '../authorize/resumed-requests';
import { CsrfService } from '../http/csrf.service';
import { FormRejected } from '../http/page-errors';
import { logoOf } from '../http/client-context';
import { pageHeaders } from '../http/page-headers';
import { pageTranslator } from '../i18n/page-context';
import { lockedMessage } from './locked-message';
import { renderLoginPage } from './login-page';
import { safeReturnTo } from './return-to';

export const LOGIN_CSRF_PURPOSE = 'login';

export interface LoginFormState {
  returnTo: string;
  username?: string;
  error?: string;
  status?: number;
}

/** The sign-in form, shown first and shown again after a failed attempt with one generic message. */
@Injectable()
export class LoginForm {
  constructor(
    private readonly csrf: CsrfService,
    private readonly resumed: ResumedRequests,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly identityProviders: IdentityProviderService,
    private readonly homeRealm: HomeRealmDiscovery,
    private readonly metrics: Metrics,
  ) {}

  /** Where the form's answer may redirect, as `return_to` says, kept to this issuer's paths. */
  returnTo(value: string | undefined): string {
    return safeReturnTo(value, this.config.pathPrefix);
  }

  async show(request: FastifyRequest, reply: FastifyReply, state: LoginFormState): Promise<void> {
    const providers = await this.identityProviders.listEnabled('oidc');
    const { client, redirectUri: target } = await this.resumed.targetOf(state.returnTo).catch(() => ({ client: undefined, redirectUri: undefined }));
    const page = renderLoginPage({
      client,
      providers: providers.map((provider) => ({ name: provider.name, displayName: provider.displayName })),
      passwordOptional: await this.homeRealm.anyRoutedDomain(providers),
      passwordReset: this.config.mail.smtp !== undefined,
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.csrf.issue(request, reply, LOGIN_CSRF_PURPOSE),
      returnTo: state.returnTo,
      username: state.username?.slice(0, 200),
      error: state.error,
    });
    // The form's CSP must allow the redirect to the client that ends an authorization flow.
    const headers = withFormTargets(pageHeaders(target, { scripts: true, image: client && logoOf(client) }), this.homeRealm.formTargets(providers));
    await reply.status(state.status ?? 200).headers(headers).send(page);
  }

  /** The submission did not come from our form in this browser. */
  expired(): FormRejected {
    return new FormRejected('form expired', (request, reply) => this.showAgain(request, reply, pageTranslator().t('login.expired'), 403));
  }

  /**
   * A failed sign-in: recorded in the audit log with its reason, shown with the one generic message; a locked
   * name is told when to try again instead (any name locks, known or not, so this reveals no account).
   */
  failed(failure: LoginFailed): FormRejected {
    return new FormRejected(failure.reason, async (request, reply) => {
      this.metrics.signIn('password', failure.reason);
      // The name typed is recorded (cut short), never the password.
      await this.audit.record({
        action: 'signin.failed',
        actor: failure.userId ? { type: 'person', id: failure.userId } : { type: 'anonymous' },
        target: { type: 'user', id: failure.userId ?? null },
        origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
        details: {
          username: submitted(request, 'username')?.slice(0, 200) ?? null,
          reason: failure.reason,
          ...(failure.lock ? { locked_until: failure.lock.until.toISOString() } : {}),
        },
      });
      const t = pageTranslator();
      await this.showAgain(request, reply, failure.lock ? lockedMessage(failure.lock, t) : t.t('login.failed'), 401);
    });
  }

  private showAgain(request: FastifyRequest, reply: FastifyReply, error: string, status: number): Promise<void> {
    return this.show(request, reply, {
      returnTo: this.returnTo(submitted(request, 'return_to')),
      username: submitted(request, 'username'),
      error,
      status,
    });
  }
}

/** A field of the submitted form, read leniently: the form may be the malformed one being refused. */
function submitted(request: FastifyRequest, name: string): string | undefined {
  const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
  return typeof body[name] === 'string' ? body[name] : undefined;
}

/** The page headers with form-action also allowing the upstreams that home-realm discovery may send to. */
function withFormTargets(headers: Record<string, string>, origins: string[]): Record<string, string> {
  const sources = origins.filter((origin) => /^https?:\/\/[\w.:[\]-]+$/.test(origin));
  if (sources.length === 0) return headers;
  const csp = headers['Content-Security-Policy'].replace("form-action 'self'", `form-action 'self' ${sources.join(' ')}`);
  return { ...headers, 'Content-Security-Policy': csp };
}
