import type { TokenResponse } from '../../../libs/grants/src/registry/grant-handler';
import type { UserGrant, UserTokenIssuer } from '../../../libs/grants/src/handlers/user-token-issuer';

/**
 * Stands in for UserTokenIssuer: records each grant it is asked to answer and answers with tokens named
 * after it, so a spec sees what a handler decided (person, scopes, grant, resource) without signing.
 */
export class RecordingTokenIssuer implements Pick<UserTokenIssuer, 'respond'> {
  readonly grants: UserGrant[] = [];
  /** When set, `respond` throws it, as the real issuer does for a resource that is no longer allowed. */
  failWith?: Error;

  async respond(grant: UserGrant): Promise<TokenResponse> {
    if (this.failWith) throw this.failWith;
    this.grants.push(grant);
    const response: TokenResponse = { access_token: `access-token-of-${grant.grantId}`, token_type: 'Bearer', expires_in: 3600, scope: grant.scopes.join(' ') };
    if (grant.refreshToken) response.refresh_token = grant.refreshToken;
    return response;
  }

  asIssuer(): UserTokenIssuer {
    return this as unknown as UserTokenIssuer;
  }
}
