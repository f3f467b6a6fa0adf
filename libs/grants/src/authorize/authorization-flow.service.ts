import { Injectable, OnModuleInit } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClientEntity, ClientRepository, matchesRegisteredRedirectUri } from '@app/clients';
import { AppConfig, AuthorizationRedirectError, Clock, ErrorPage, OAuthError } from '@app/core';
import { ConsentService, ReturnTargetRegistry, SessionDetails, SsoSessionService, UserService } from '@app/users';
import { AuthorizationCodeRepository } from '../codes/authorization-code.repository';
import { AuthorizationRequestRepository, StoredAuthorizationRequest } from './authorization-request.repository';
import { successRedirect } from './authorization-response';

export const RESUME_PATH = '/oauth2/authorize/resume';

const requestGone = () =>
  new ErrorPage('Sign-in request expired', 'This sign-in request is unknown, expired or already finished. Go back to the application and try again.');

/**
 * Moves a stored authorization request forward: sign-in if needed, consent if needed, then the code.
 * Each step that needs the person redirects to its page, which comes back to the resume URL.
 */
@Injectable()
export class AuthorizationFlow implements OnModuleInit {
  constructor(
    private readonly requests: AuthorizationRequestRepository,
    private readonly codes: AuthorizationCodeRepository,
    private readonly clients: ClientRepository,
    private readonly sessions: SsoSessionService,
    private readonly users: UserService,
    private readonly consents: ConsentService,
    private readonly returnTargets: ReturnTargetRegistry,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The login form's CSP must allow the redirect to the client that ends the flow.
    this.returnTargets.register(async (returnTo) => {
      const prefix = `${RESUME_PATH}?request=`;
      if (!returnTo.startsWith(prefix)) return undefined;
      return (await this.requests.findPending(returnTo.slice(prefix.length)))?.redirectUri;
    });
  }

  /** The pending request and its still-valid client; an HTML error page otherwise (nothing is trusted yet). */
  async load(requestId: string | undefined): Promise<{ stored: StoredAuthorizationRequest; client: ClientEntity }> {
    const stored = await this.requests.findPending(requestId);
    if (!stored) throw requestGone();
    const client = await this.clients.findById(stored.clientId);
    if (!client || !matchesRegisteredRedirectUri(stored.redirectUri, client.redirectUris)) {
      throw new ErrorPage('Unknown application', 'The application of this sign-in request is no longer registered.');
    }
    return { stored, client };
  }

  /** Decides the next step for the request named `requestId` and answers with a redirect. */
  async proceed(requestId: string, stored: StoredAuthorizationRequest, client: ClientEntity, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const fail = (error: OAuthError) => new AuthorizationRedirectError(error, stored.redirectUri, stored.state, this.config.issuer);
    const session = await this.sessions.current(request);
    if (!session || (await this.needsLogin(stored, session))) {
      // OIDC Core §3.1.2.1: prompt=none must not show any page.
      if (stored.prompt.includes('none')) throw fail(new OAuthError('login_required', 'The person is not signed in'));
      const login = new URLSearchParams({ return_to: `${RESUME_PATH}?request=${requestId}` });
      if (stored.loginHint) login.set('login_hint', stored.loginHint);
      return redirect(reply, `/login?${login.toString()}`);
    }
    if (await this.needsConsent(stored, client, session.userId)) {
      if (stored.prompt.includes('none')) throw fail(new OAuthError('consent_required', 'The person has not consented'));
      return redirect(reply, `/oauth2/consent?request=${requestId}`);
    }
    // One code per request, even if two tabs resume it at once.
    if (!(await this.requests.complete(stored.idHash))) throw requestGone();
    const code = await this.codes.issue({
      clientId: client.clientId,
      redirectUri: stored.redirectUri,
      userId: session.userId,
      scopes: stored.scopes,
      nonce: stored.nonce,
      codeChallenge: stored.codeChallenge,
      codeChallengeMethod: stored.codeChallengeMethod,
      authTime: new Date(session.authTimeMs),
      sessionId: session.sessionId,
      expiresAt: new Date(this.clock.now().getTime() + this.config.authorizationCodeTtl * 1000),
    });
    return redirect(reply, successRedirect(stored.redirectUri, code, stored.state, this.config.issuer));
  }

  /** Remembers that this request's consent page was answered (prompt=consent shows it once). */
  async markConsented(stored: StoredAuthorizationRequest): Promise<void> {
    await this.requests.markConsented(stored.idHash);
  }

  /** The person said no: the request ends with access_denied (RFC 6749 §4.1.2.1). */
  async deny(stored: StoredAuthorizationRequest): Promise<never> {
    await this.requests.complete(stored.idHash);
    throw new AuthorizationRedirectError(new OAuthError('access_denied', 'The person denied the request'), stored.redirectUri, stored.state, this.config.issuer);
  }

  private async needsLogin(stored: StoredAuthorizationRequest, session: SessionDetails): Promise<boolean> {
    const user = await this.users.findById(session.userId);
    if (!user || user.disabled) return true;
    // A sign-in that happened after this request started satisfies prompt=login and any max_age.
    if (session.authTimeMs >= stored.createdAt.getTime()) return false;
    // OIDC Core §3.1.2.1 prompt=login: the person must sign in again.
    if (stored.prompt.includes('login')) return true;
    // OIDC Core §3.1.2.1 max_age: the last sign-in must be recent enough.
    return stored.maxAge !== undefined && this.clock.epochSeconds() - session.authTime > stored.maxAge;
  }

  private async needsConsent(stored: StoredAuthorizationRequest, client: ClientEntity, userId: string): Promise<boolean> {
    if (stored.prompt.includes('consent')) return stored.consentedAt === null;
    if (client.firstParty) return false;
    return (await this.consents.missingScopes(userId, client.clientId, stored.scopes)).length > 0;
  }
}

async function redirect(reply: FastifyReply, location: string): Promise<void> {
  await reply.status(303).header('Cache-Control', 'no-store').header('Location', location).send();
}
