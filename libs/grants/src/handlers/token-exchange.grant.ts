import { AppAccessPolicy } from '@app/access';
import { AuditLog } from '@app/audit';
import type { ApiEntity, ClientEntity } from '@app/clients';
import { ApiService, GRANT_TYPES } from '@app/clients';
import { AppConfig, Clock, FormParams, InvalidRequest, InvalidTarget, UnauthorizedClient } from '@app/core';
import { AccessTokenClaims, AccessTokenService, ActorClaim, IssuedAccessToken } from '@app/tokens';
import { Grant, GrantHandler, TokenResponse } from '../registry/grant-handler';
import { actorChain, chainSubjects, checkTokenType, narrowedScopes, targetOf, TOKEN_TYPES } from './token-exchange-rules';

/**
 * RFC 8693 token exchange: a service holding a person's access token gets one for a downstream API, on
 * the person's behalf, with itself (or the actor token's subject) recorded in `act`. Refused unless the
 * target API lists the client in its token_exchange policy.
 */
@Grant()
export class TokenExchangeGrant implements GrantHandler {
  readonly grantType = GRANT_TYPES.tokenExchange;

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly apis: ApiService,
    private readonly access: AppAccessPolicy,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async handle(params: FormParams, client: ClientEntity): Promise<TokenResponse> {
    // RFC 8693 §2.1: only access tokens are issued here.
    if (params.requested_token_type !== undefined && params.requested_token_type !== TOKEN_TYPES.accessToken) {
      throw new InvalidRequest(`requested_token_type must be ${TOKEN_TYPES.accessToken}`);
    }
    const api = await this.allowedTarget(client, targetOf(params.resource, params.audience));
    const subject = await this.verifiedToken('subject_token', params.subject_token, params.subject_token_type);
    const actor = params.actor_token === undefined ? undefined : await this.verifiedToken('actor_token', params.actor_token, params.actor_token_type);
    if (actor === undefined && params.actor_token_type !== undefined) throw new InvalidRequest('actor_token_type was sent without actor_token');
    // The client may name itself or someone whose token it holds as the actor, never a token taken from another client.
    if (actor !== undefined && actor.client_id !== client.clientId) throw new InvalidRequest('The actor_token was not issued to this client');
    const scopes = narrowedScopes(params.scope, subject.scope, api.scopeNames());
    // RFC 8707 §2: an API limited to some groups stays limited when reached through an exchange.
    if (subject.gid && !(await this.access.mayUseApi(subject.sub, api))) {
      throw new InvalidTarget(`The resource ${api.identifier} is not available to this person`);
    }
    const act = actorChain(actor?.sub ?? client.clientId, subject.act, this.config.tokenExchangeMaxDepth);
    const issued = await this.issue(client, subject, api, scopes, act);
    await this.audit.record({
      action: 'token.exchanged',
      actor: { type: 'client', id: client.clientId },
      target: { type: 'api', id: api.id },
      details: { subject: subject.sub, subject_client_id: subject.client_id, audience: api.identifier, scope: scopes.join(' '), act_chain: chainSubjects(act), jti: issued.jti },
    });
    return { access_token: issued.token, issued_token_type: TOKEN_TYPES.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn, scope: scopes.join(' ') };
  }

  /** Our normal access token, JWT or reference per the API, for the subject's person and grant. */
  private issue(client: ClientEntity, subject: AccessTokenClaims, api: ApiEntity, scopes: string[], act: ActorClaim): Promise<IssuedAccessToken> {
    // The new token never outlives the one it was exchanged for.
    const remaining = subject.exp - this.clock.epochSeconds();
    return this.accessTokens.issue({
      clientId: client.clientId,
      subject: subject.sub,
      scopes,
      audience: api.identifier,
      ttlSeconds: Math.min(api.accessTokenTtl ?? client.accessTokenTtl ?? this.config.accessTokenTtl, remaining),
      // The subject's grant and session: revoking either (or signing the person out) ends this token too.
      grantId: subject.gid,
      sessionId: subject.sid,
      authTime: subject.auth_time,
      acr: subject.acr,
      amr: subject.amr,
      format: api.accessTokenFormat,
      act,
    });
  }

  /** RFC 8693 §2.2.2: a token that is invalid for any reason (expired, revoked, not ours) is invalid_request. */
  private async verifiedToken(name: string, token: string | undefined, type: string | undefined): Promise<AccessTokenClaims> {
    if (token === undefined) throw new InvalidRequest(`${name} is required`);
    checkTokenType(name, token, type);
    const claims = await this.accessTokens.verifyActive(token);
    if (!claims || claims.exp <= this.clock.epochSeconds()) throw new InvalidRequest(`The ${name} is not an active access token of this server`);
    return claims;
  }

  /**
   * Refused by default: a client no API lets exchange is unauthorized_client (RFC 6749 §5.2); one that
   * names an API outside its policy gets invalid_target (RFC 8693 §2.2.2).
   */
  private async allowedTarget(client: ClientEntity, target: string): Promise<ApiEntity> {
    // The cached API answers the usual case; the database is asked only to tell the two refusals apart.
    const api = await this.apis.findByIdentifier(target);
    if (api && api.tokenExchangeAllowedClients.includes(client.clientId)) return api;
    if (!(await this.apis.anyAllowsTokenExchange(client.clientId))) {
      throw new UnauthorizedClient('No API allows this client to exchange tokens toward it');
    }
    throw new InvalidTarget(`This client may not exchange tokens for ${target}`);
  }
}
