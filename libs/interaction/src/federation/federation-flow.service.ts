import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { APP_LOGGER, AppConfig, AppLogger, Metrics } from '@app/core';
import { FederationRefused, IdentityProviderEntity, IdentityProviderService, OidcUpstreamSignIn, UpstreamFailed } from '@app/federation';
import { SsoSessionService } from '@app/users';
import { BrowserBinding } from '../authorize/browser-binding';
import { ErrorPage } from '../http/page-errors';
import type { FormParams } from '@app/core';
import { safeReturnTo } from '../login/return-to';

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
      throw new ErrorPage(`Sign-in with ${provider.displayName} refused`, error.message, 403, 'access_denied');
    }
  }

  private async provider(name: string): Promise<IdentityProviderEntity> {
    const provider = /^[a-z0-9-]{1,63}$/.test(name) ? await this.providers.findEnabled(name) : null;
    if (!provider || provider.type !== 'oidc') throw new ErrorPage('Unknown sign-in provider', 'This sign-in provider does not exist or is turned off.', 404, 'not_found');
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
      throw new ErrorPage(
        `Sign-in with ${provider.displayName} failed`,
        `${provider.displayName} ${error.message}. You can try again, or sign in here with a password.`,
        error.status,
        error.kind === 'denied' ? 'access_denied' : error.status === 502 ? 'temporarily_unavailable' : 'invalid_request',
      );
    }
  }
}
