import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { APP_LOGGER, AppConfig, AppLogger, Metrics } from '@app/core';
import { FederationRefused, IdentityProviderEntity, IdentityProviderService, OidcUpstreamSignIn, UpstreamFailed } from '@app/federation';
import { SsoSessionService } from '@app/users';
import { BrowserBinding } from '../authorize/browser-binding';
import { ErrorPage } from '../http/page-errors';
import type { MessageKey } from '../i18n/catalogues';
import { pageTranslator } from '../i18n/page-context';
import type { FormParams } from '@app/core';
import { safeReturnTo } from '../login/return-to';

/** One plain sentence per reason a sign-in through an upstream does not become a session here. */
const REFUSED: Record<FederationRefused['reason'], MessageKey> = {
  'no-account': 'federation.refused.noAccount',
  disabled: 'federation.refused.disabled',
  'email-conflict': 'federation.refused.emailConflict',
};

const FAILED: Record<UpstreamFailed['kind'], MessageKey> = {
  unreachable: 'federation.failed.unreachable',
  denied: 'federation.failed.denied',
  'invalid-response': 'federation.failed.invalidResponse',
  'invalid-callback': 'federation.failed.invalidCallback',
};

/**
 * The browser side of signing in through an upstream OpenID Provider: the attempt is bound to this browser's
 * cookie, and its end starts our own session exactly as the login form does. Every failure is a page that
 * names the provider and never repeats what the upstream said.
 */
@Injectable()
export class FederationFlow {
  constructor(
    private readonly providers: IdentityProviderService,
    private readonly upstream: OidcUpstreamSignIn,
    private readonly binding: BrowserBinding,
    private readonly sessions: SsoSessionService,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly metrics: Metrics,
  ) {}

  /** Where to send the browser to sign in at the upstream. */
  async start(request: FastifyRequest, reply: FastifyReply, name: string, query: FormParams): Promise<string> {
    const provider = await this.provider(name);
    const returnTo = safeReturnTo(query.return_to, this.config.pathPrefix);
    return this.failingAsPage(request, provider, () => this.upstream.begin(provider, this.binding.bind(request, reply), returnTo, query.login_hint));
  }

  /** Completes the sign-in and answers where the person was going. */
  async callback(request: FastifyRequest, reply: FastifyReply, name: string, query: FormParams): Promise<string> {
    const provider = await this.provider(name);
    const origin = { ip: request.ip, userAgent: request.headers['user-agent'] };
    try {
      const { user, returnTo } = await this.failingAsPage(request, provider, () =>
        this.upstream.complete(provider, this.binding.bind(request, reply), { state: query.state, code: query.code, error: query.error, iss: query.iss }),
      );
      // A new session id at every sign-in, so a planted cookie never becomes an authenticated one.
      await this.sessions.start(request, reply, user.id);
      this.metrics.signIn('upstream_oidc', 'succeeded');
      await this.audit.record({
        action: 'signin.succeeded',
        actor: { type: 'person', id: user.id },
        target: { type: 'user', id: user.id },
        origin,
        details: { username: user.username, provider: provider.name },
      });
      return returnTo;
    } catch (error) {
      if (!(error instanceof FederationRefused)) throw error;
      this.metrics.signIn('upstream_oidc', error.reason);
      await this.audit.record({
        action: 'signin.failed',
        actor: error.userId ? { type: 'person', id: error.userId } : { type: 'anonymous' },
        target: { type: 'user', id: error.userId ?? null },
        origin,
        details: { provider: provider.name, reason: error.reason },
      });
      const t = pageTranslator();
      throw new ErrorPage(t.t('federation.refused.title', { provider: provider.displayName }), t.t(REFUSED[error.reason]), 403, 'access_denied');
    }
  }

  private async provider(name: string): Promise<IdentityProviderEntity> {
    const provider = /^[a-z0-9-]{1,63}$/.test(name) ? await this.providers.findEnabled(name) : null;
    if (!provider || provider.type !== 'oidc') {
      const t = pageTranslator();
      throw new ErrorPage(t.t('federation.unknown.title'), t.t('federation.unknown.text'), 404, 'not_found');
    }
    return provider;
  }

  private async failingAsPage<T>(request: FastifyRequest, provider: IdentityProviderEntity, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof UpstreamFailed)) throw error;
      this.metrics.signIn('upstream_oidc', `upstream-${error.kind}`);
      this.logger.warn({ provider: provider.name, kind: error.kind, detail: error.detail }, 'upstream sign-in failed');
      // Who it was is unknown (nothing from the upstream is believed); the kind tells forged from down.
      await this.audit.record({
        action: 'signin.failed',
        actor: { type: 'anonymous' },
        target: { type: 'user', id: null },
        origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
        details: { provider: provider.name, reason: `upstream-${error.kind}` },
      });
      const t = pageTranslator();
      const name = provider.displayName;
      throw new ErrorPage(
        t.t('federation.failed.title', { provider: name }),
        t.t(FAILED[error.kind], { provider: name }),
        error.status,
        error.kind === 'denied' ? 'access_denied' : error.status === 502 ? 'temporarily_unavailable' : 'invalid_request',
        {},
        // What exactly was wrong with the answer (never the upstream's own words) is English, for the admin.
        error.kind === 'invalid-response' || error.kind === 'invalid-callback' ? `${name} ${error.message}` : undefined,
      );
    }
  }
}
