import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acrClaim, AppAccessPolicy, AuthenticationRequirement, unmetRequirements } from '@app/access';
import { ClientEntity, ClientRepository, matchesRegisteredRedirectUri } from '@app/clients';
import { AppConfig, Clock, OAuthError } from '@app/core';
import { AuthorizationCodeRepository } from '@app/grants';
import { ConsentService, SessionDetails, SsoSessionService } from '@app/users';
import { AuthorizationRedirectError, ErrorPage } from '../http/page-errors';
import { seeOther } from '../http/see-other';
import { pageTranslator } from '../i18n/page-context';
import type { AuthorizationParams } from './authorization-request.parser';
import { AuthorizationRequestRepository, PendingRequest, StoredAuthorizationRequest } from './authorization-request.repository';
import { sendAuthorizationResponse } from './authorization-response';
import { BrowserBinding } from './browser-binding';
import { ImplicitSignIn } from './implicit-sign-in';
import { ResumedRequests } from './resumed-requests';
import { forHintedPerson, isHintedPerson, needsLogin, parametersOf } from './sign-in-rules';
import { StepUpPolicy, stepUpPath } from './step-up';

/**
 * `denied`: the person signed in is not in a group allowed to use the client. `second-factor`: the
 * session must be stepped up with a factor the person has; `enroll`: they have none that would do yet.
 */
type Step = 'login' | 'denied' | 'second-factor' | 'enroll' | 'consent' | 'code';
type PageStep = Exclude<Step, 'denied' | 'code'>;

/** How a person leaves a step-up page without finishing it. */
export type CancelReason = 'denied' | 'unmet';

const requestGone = () => {
  const t = pageTranslator();
  return new ErrorPage(t.t('authorize.expired.title'), t.t('authorize.expired.text'));
};

/**
 * Moves an authorization request forward: sign-in if needed, consent if needed, then the code. A request
 * is stored only when a step needs the person: that step redirects to its page, which comes back to the
 * resume URL.
 */
@Injectable()
export class AuthorizationFlow {
  constructor(
    private readonly requests: AuthorizationRequestRepository,
    private readonly codes: AuthorizationCodeRepository,
    private readonly clients: ClientRepository,
    private readonly sessions: SsoSessionService,
    private readonly consents: ConsentService,
    private readonly browsers: BrowserBinding,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly access: AppAccessPolicy,
    private readonly stepUps: StepUpPolicy,
    private readonly implicit: ImplicitSignIn,
    private readonly resumed: ResumedRequests,
  ) {}

  /** The browser path that continues the stored request `requestId` (under the issuer's path). */
  resumePath(requestId: string): string {
    return this.resumed.resumePath(requestId);
  }

  /** The pending request and its still-valid client; an HTML error page otherwise (nothing is trusted yet). */
  async load(requestId: string | undefined): Promise<{ stored: StoredAuthorizationRequest; client: ClientEntity }> {
    const stored = await this.requests.findPending(requestId);
    if (!stored) throw requestGone();
    const client = await this.clients.findById(stored.clientId);
    if (!client || !matchesRegisteredRedirectUri(stored.redirectUri, client)) {
      const t = pageTranslator();
      throw new ErrorPage(t.t('authorize.unknownClient.title'), t.t('authorize.unknownClient.gone'));
    }
    return { stored, client };
  }

  /**
   * A new, validated request. A person already signed in who needs no page gets the code at once: nothing
   * but the code is stored. Otherwise the request is stored and the browser goes to the first page.
   */
  async start(params: AuthorizationParams, client: ClientEntity, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = await this.sessions.current(request);
    const fresh: PendingRequest = {
      ...forHintedPerson(params, session, (error) => this.redirectError(params, error)),
      createdAt: this.clock.now(),
      consentedAt: null,
      consentedBy: null,
      signInAfter: null,
    };
    const { step, requirement } = await this.nextStep(fresh, client, session);
    if (step === 'denied') throw this.accessDenied(fresh, client);
    if (step === 'code') return this.issueCode(fresh, client, session!, requirement!, reply);
    const id = await this.requests.create(fresh, fresh.createdAt, this.browsers.bind(request, reply));
    return seeOther(reply, this.pageFor(step, id, fresh, requirement));
  }

  /** True when `request` comes from the browser that started the stored request. */
  isOwnBrowser(stored: StoredAuthorizationRequest, request: FastifyRequest): boolean {
    return this.browsers.isSameBrowser(request, stored.browserHash);
  }

  /**
   * Decides the next step for the stored request named `requestId` and answers with a redirect. Another
   * browser (a link passed on) gets a request of its own with the same parameters, so whoever continues
   * it signs in and consents for themselves, as if they had opened the client's authorization URL.
   */
  async proceed(requestId: string, stored: StoredAuthorizationRequest, client: ClientEntity, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (!this.isOwnBrowser(stored, request)) return this.start(parametersOf(stored), client, request, reply);
    const session = await this.sessions.current(request);
    const { step, requirement } = await this.nextStep(stored, client, session);
    if (step === 'login') return seeOther(reply, this.pageFor(step, requestId, stored));
    // Past the sign-in page: the person is settled, so neither consent nor a code may go to the wrong one.
    if (!isHintedPerson(stored, session!)) return this.refuseOtherPerson(stored);
    if (step === 'denied') {
      await this.requests.complete(stored.idHash);
      throw this.accessDenied(stored, client);
    }
    if (step !== 'code') return seeOther(reply, this.pageFor(step, requestId, stored, requirement));
    // One code per request, even if two tabs resume it at once.
    if (!(await this.requests.complete(stored.idHash))) throw requestGone();
    return this.issueCode(stored, client, session!, requirement!, reply);
  }

  /**
   * The person left a step-up page: they chose not to (`denied`, access_denied) or cannot meet what the
   * client asked for (`unmet`, OIDC Core errata unmet_authentication_requirements). Only the browser that
   * started the request may end it so.
   */
  async cancel(stored: StoredAuthorizationRequest, reason: CancelReason, request: FastifyRequest): Promise<never> {
    if (!this.isOwnBrowser(stored, request)) throw requestGone();
    await this.requests.complete(stored.idHash);
    if (reason === 'unmet') throw this.redirectError(stored, unmetRequirements(stored.acrValues.length ? stored.acrValues : ['the required sign-in']));
    throw this.redirectError(stored, new OAuthError('access_denied', 'The person did not complete the sign-in'));
  }

  /** What the request needs next; prompt=none fails instead of showing a page. */
  private async nextStep(
    pending: PendingRequest,
    client: ClientEntity,
    session: SessionDetails | undefined,
  ): Promise<{ step: Step; requirement?: AuthenticationRequirement }> {
    const fail = (error: OAuthError) => this.redirectError(pending, error);
    // The session is only found while its person may sign in (SsoSessionRepository.findActive).
    if (!session || needsLogin(pending, session, this.clock.now())) {
      // OIDC Core §3.1.2.1: prompt=none must not show any page.
      if (pending.prompt.includes('none')) throw fail(new OAuthError('login_required', 'The person is not signed in'));
      return { step: 'login' };
    }
    // Before consent and before any code, prompt=none included. Another person than the id_token_hint's is
    // refused by the caller as such (login_required), so this answer does not tell the client about them.
    if (isHintedPerson(pending, session) && !(await this.admits(client, session.userId))) return { step: 'denied' };
    const { requirement, page } = await this.stepUps.check(pending.acrValues, session);
    if (page) {
      if (pending.prompt.includes('none')) throw fail(new OAuthError('login_required', `The request needs a stronger sign-in (${requirement.level})`));
      return { step: page, requirement };
    }
    if (await this.needsConsent(pending, client, session.userId)) {
      if (pending.prompt.includes('none')) throw fail(new OAuthError('consent_required', 'The person has not consented'));
      return { step: 'consent', requirement };
    }
    return { step: 'code', requirement };
  }

  /**
   * OIDC Core §3.1.2.1: when the person who signed in is not the one the id_token_hint names, the request
   * ends with login_required. Their new session stays: they did sign in, just not as the client expected.
   */
  private async refuseOtherPerson(stored: StoredAuthorizationRequest): Promise<never> {
    await this.requests.complete(stored.idHash);
    throw this.redirectError(stored, new OAuthError('login_required', 'The person signed in is not the one the id_token_hint names'));
  }

  /** True when the person may use the client: it names no allowed groups, or they are in one of them. */
  admits(client: ClientEntity, userId: string): Promise<boolean> {
    return this.access.mayUseClient(userId, client);
  }

  /** RFC 6749 §4.1.2.1: access_denied, to the verified redirect URI with state and (RFC 9207) iss. */
  private accessDenied(params: AuthorizationParams, client: ClientEntity): AuthorizationRedirectError {
    return this.redirectError(params, new OAuthError(
      'access_denied',
      'The person signed in is not in a group allowed to use this application',
      `client ${client.clientId} admits only the groups ${client.allowedGroups.join(', ')}`,
    ));
  }

  private redirectError(params: AuthorizationParams, error: OAuthError): AuthorizationRedirectError {
    return new AuthorizationRedirectError(error, params.redirectUri, params.state, this.config.issuer, params.responseMode);
  }

  private pageFor(step: PageStep, requestId: string, pending: PendingRequest, requirement?: AuthenticationRequirement): string {
    if (step === 'consent') return this.config.localPath(`/oauth2/consent?request=${requestId}`);
    if (step === 'second-factor' || step === 'enroll') return stepUpPath(this.config.pathPrefix, step, this.resumePath(requestId), requirement?.level ?? 'mfa');
    const login = new URLSearchParams({ return_to: this.resumePath(requestId) });
    // After "Not you?" the hint may name the person who just said it is not them.
    if (pending.loginHint && !pending.signInAfter) login.set('login_hint', pending.loginHint);
    return this.config.localPath(`/login?${login.toString()}`);
  }

  private async issueCode(
    pending: PendingRequest,
    client: ClientEntity,
    session: SessionDetails,
    requirement: AuthenticationRequirement,
    reply: FastifyReply,
  ): Promise<void> {
    // Recorded first: an app that may hold tokens of this session is told when it ends (back-channel logout).
    await this.sessions.recordApp(session, client.clientId);
    if (pending.responseType === 'id_token') return this.implicit.respond(pending, client, session, requirement, reply);
    const code = await this.codes.issue({
      clientId: client.clientId,
      redirectUri: pending.redirectUri,
      userId: session.userId,
      scopes: pending.scopes,
      nonce: pending.nonce,
      codeChallenge: pending.codeChallenge,
      codeChallengeMethod: pending.codeChallengeMethod,
      resource: pending.resource,
      dpopJkt: pending.dpopJkt,
      authTime: new Date(session.authTimeMs),
      sessionId: session.sessionId,
      acr: acrClaim(requirement, session.acr),
      amr: session.amr,
      expiresAt: new Date(this.clock.now().getTime() + this.config.authorizationCodeTtl * 1000),
    });
    return sendAuthorizationResponse(reply, pending, { code, state: pending.state, iss: this.config.issuer }, this.config.pathPrefix);
  }

  /** Remembers that `userId` answered this request's consent page (prompt=consent shows it once to them). */
  async markConsented(stored: StoredAuthorizationRequest, userId: string): Promise<void> {
    await this.requests.markConsented(stored.idHash, userId);
  }

  /** "Not you?": the request goes on, but only after someone signs in again (see needsLogin). */
  async switchAccount(stored: StoredAuthorizationRequest): Promise<void> {
    await this.requests.requireSignIn(stored.idHash, this.clock.now());
  }

  /** The person said no: the request ends with access_denied (RFC 6749 §4.1.2.1). */
  async deny(stored: StoredAuthorizationRequest): Promise<never> {
    await this.requests.complete(stored.idHash);
    throw this.redirectError(stored, new OAuthError('access_denied', 'The person denied the request'));
  }

  private async needsConsent(stored: PendingRequest, client: ClientEntity, userId: string): Promise<boolean> {
    // A consent given on this request counts only for the person who gave it.
    if (stored.prompt.includes('consent')) return stored.consentedAt === null || stored.consentedBy !== userId;
    if (client.firstParty) return false;
    return (await this.consents.missingScopes(userId, client.clientId, stored.scopes)).length > 0;
  }
}
