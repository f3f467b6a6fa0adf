import type { ClientEntity } from '@app/clients';
import { GRANT_TYPES } from '@app/clients';
import { AccessDenied, AppConfig, AuthorizationPending, ExpiredToken, FormParams, InvalidGrant, InvalidRequest, sha256, SlowDown } from '@app/core';
import { AccessTokenService } from '@app/tokens';
import { UserService } from '@app/users';
import { ConsumedAuthorization, DeviceAuthorizationRepository } from '../device/device-authorization.repository';
import { Grant, GrantHandler, TokenResponse } from '../registry/grant-handler';
import { ScopePolicy } from '../scopes/scope-policy';

/** RFC 8628 §3.4-3.5: the device polls with its device code until the person has decided. */
@Grant()
export class DeviceCodeGrant implements GrantHandler {
  readonly grantType = GRANT_TYPES.deviceCode;

  constructor(
    private readonly authorizations: DeviceAuthorizationRepository,
    private readonly users: UserService,
    private readonly accessTokens: AccessTokenService,
    private readonly scopes: ScopePolicy,
    private readonly config: AppConfig,
  ) {}

  async handle(params: FormParams, client: ClientEntity): Promise<TokenResponse> {
    // RFC 8628 §3.4: device_code is REQUIRED.
    if (!params.device_code) throw new InvalidRequest('The device_code parameter is required');
    // RFC 6749 §5.2: a code issued to another client is invalid_grant, so the lookup includes the client.
    const poll = await this.authorizations.recordPoll(sha256(params.device_code), client.clientId);
    if (!poll || poll.consumed) throw new InvalidGrant('The device code is invalid or was already used');
    // RFC 8628 §3.5: expired_token once the device code has expired.
    if (poll.expired) throw new ExpiredToken();
    // RFC 8628 §3.5: access_denied when the person denied the request.
    if (poll.status === 'denied') throw new AccessDenied('The authorization request was denied');
    if (poll.status === 'pending') {
      // RFC 8628 §3.5: slow_down is authorization_pending with a longer interval.
      throw poll.slowedDown ? new SlowDown() : new AuthorizationPending();
    }
    // Checked before the code is taken, so a bad resource does not burn an approved authorization.
    const audience = await this.scopes.audience(params.resource, client, poll.scopes);
    // One atomic UPDATE: of concurrent pollers, only one takes the approved authorization.
    const consumed = await this.authorizations.consume(poll.id, client.clientId);
    if (!consumed) throw new InvalidGrant('The device code is invalid or was already used');
    const user = await this.users.findById(consumed.userId);
    if (!user || user.disabled) throw new InvalidGrant('The device code is invalid or was already used', `user ${consumed.userId} is disabled or gone`);
    return this.issueTokens(consumed, audience, client);
  }

  /**
   * The single place where the device grant's tokens are made. An access token for the person now;
   * an id_token (when `openid` was granted) and a refresh token plug in here once the user-grant issuer exists.
   */
  private async issueTokens(grant: ConsumedAuthorization, audience: string, client: ClientEntity): Promise<TokenResponse> {
    const authTime = grant.authTime ? Math.floor(grant.authTime.getTime() / 1000) : undefined;
    const issued = await this.accessTokens.issue({
      clientId: client.clientId,
      subject: grant.userId,
      scopes: grant.scopes,
      audience,
      ttlSeconds: client.accessTokenTtl ?? this.config.accessTokenTtl,
      grantId: grant.id,
      authTime,
      sessionId: grant.sessionId ?? undefined,
    });
    return { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn, scope: grant.scopes.join(' ') };
  }
}
