import { DataSource } from 'typeorm';
import { AppAccessPolicy } from '@app/access';
import type { ClientEntity } from '@app/clients';
import { AccessDenied, AuthorizationPending, ExpiredToken, FormParams, InvalidGrant, InvalidRequest, sha256, SlowDown } from '@app/core';
import { RefreshTokenService } from '@app/tokens';
import { UserService } from '@app/users';
import { ConsumedAuthorization, DeviceAuthorizationRepository } from '../device/device-authorization.repository';
import { Grant, GrantHandler, TokenRequestContext, TokenResponse } from '../registry/grant-handler';
import { AccessTarget, ScopePolicy } from '../scopes/scope-policy';
import { assertPersonMayUseApi, issuesRefreshToken, refreshTokenBinding, UserTokenIssuer } from './user-token-issuer';

/** RFC 8628 §3.4: the grant_type value of the device access token request. */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

type Redemption = { grant: ConsumedAuthorization; refreshToken?: string } | 'denied' | undefined;

/** RFC 8628 §3.4-3.5: the device polls with its device code until the person has decided. */
@Grant()
export class DeviceCodeGrant implements GrantHandler {
  readonly grantType = DEVICE_CODE_GRANT_TYPE;

  constructor(
    private readonly authorizations: DeviceAuthorizationRepository,
    private readonly users: UserService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly issuer: UserTokenIssuer,
    private readonly scopes: ScopePolicy,
    private readonly dataSource: DataSource,
    private readonly access: AppAccessPolicy,
  ) {}

  async handle(params: FormParams, client: ClientEntity, context: TokenRequestContext = {}): Promise<TokenResponse> {
    // RFC 8628 §3.4: device_code is REQUIRED.
    if (!params.device_code) throw new InvalidRequest('The device_code parameter is required');
    // RFC 6749 §5.2: a code issued to another client is invalid_grant, so the lookup includes the client.
    const poll = await this.authorizations.recordPoll(sha256(params.device_code), client.clientId);
    if (!poll) throw new InvalidGrant(`device code presented by client ${client.clientId} is unknown or another client's`);
    // RFC 8628 §3.5: access_denied, also once a redemption found the person no longer allowed (it is spent then).
    if (poll.status === 'denied' && !poll.expired) throw new AccessDenied('The authorization request was denied');
    if (poll.consumed) throw new InvalidGrant(`device authorization ${poll.id} was already redeemed`);
    // RFC 8628 §3.5: expired_token once the device code has expired.
    if (poll.expired) throw new ExpiredToken();
    if (poll.status === 'pending') {
      // RFC 8628 §3.5: slow_down is authorization_pending with a longer interval.
      throw poll.slowedDown ? new SlowDown() : new AuthorizationPending();
    }
    // Checked before the code is taken, so a bad resource does not burn an approved authorization.
    const target = await this.scopes.resolveTarget(params.resource, client, poll.scopes, false);
    const redemption = await this.redeem(poll.id, client, params.resource, target, refreshTokenBinding(client, context));
    if (!redemption) throw new InvalidGrant(`device authorization ${poll.id} was redeemed by a concurrent poll, withdrawn or expired meanwhile`);
    if (redemption === 'denied') throw new AccessDenied('The person may no longer use this application');
    const { grant, refreshToken } = redemption;
    const user = await this.users.findById(grant.userId);
    if (!user || user.disabled) {
      await this.refreshTokens.revokeFamily(grant.id);
      throw new InvalidGrant(`person ${grant.userId} is disabled or gone; grant ${grant.id} revoked`);
    }
    return this.issuer.respond({
      client,
      userId: grant.userId,
      scopes: grant.scopes,
      // The device authorization id is the grant id: revoking it revokes every token issued from it.
      grantId: grant.id,
      authTime: grant.authTime,
      sessionId: grant.sessionId,
      acr: grant.acr,
      amr: grant.amr,
      resource: params.resource,
      refreshToken,
      dpopJkt: context.dpopJkt,
    });
  }

  /**
   * Takes the approved authorization with one atomic UPDATE (of concurrent pollers only one wins) and
   * stores its refresh token in the same transaction. The refresh token is bound to `resource`, the target
   * of the access token issued with it (RFC 8707 §2.2).
   *
   * A person taken out of the client's allowed groups since approving gets `denied`: the authorization is
   * spent and marked denied, committed. An API they may not use is refused (invalid_target) and rolls the
   * consumption back, so the device may ask again without that resource.
   */
  private redeem(id: string, client: ClientEntity, resource: string | undefined, target: AccessTarget, dpopJkt: string | undefined): Promise<Redemption> {
    return this.dataSource.transaction(async (manager): Promise<Redemption> => {
      const grant = await this.authorizations.consume(id, client.clientId, manager);
      if (!grant) return undefined;
      if (!(await this.access.mayUseClient(grant.userId, client, manager))) {
        await this.authorizations.markDenied(grant.id, manager);
        return 'denied';
      }
      await assertPersonMayUseApi(this.access, grant.userId, target, manager);
      if (!issuesRefreshToken(client, grant.scopes)) return { grant };
      const refresh = await this.refreshTokens.issue(
        {
          familyId: grant.id,
          clientId: client.clientId,
          userId: grant.userId,
          scopes: grant.scopes,
          authTime: grant.authTime ?? undefined,
          sessionId: grant.sessionId ?? undefined,
          acr: grant.acr,
          amr: grant.amr,
          resource,
          ttlSeconds: client.refreshTokenTtl,
          dpopJkt,
        },
        manager,
      );
      return { grant, refreshToken: refresh.token };
    });
  }
}
