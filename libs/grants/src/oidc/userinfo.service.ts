import { Injectable } from '@nestjs/common';
import { PersonClaims } from '@app/access';
import { ClientRepository } from '@app/clients';
import { InsufficientScope, InvalidToken } from '@app/core';
import { AccessTokenService } from '@app/tokens';
import { UserEntity, UserService } from '@app/users';
import { assertSenderConstrained, PresentedAccessToken } from './access-token-presentation';

/** OIDC Core §5.3: the claims of the person behind an access token, by the scopes it carries. */
@Injectable()
export class UserinfoService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly users: UserService,
    private readonly clients: ClientRepository,
    private readonly personClaims: PersonClaims,
  ) {}

  async claims(presented: PresentedAccessToken): Promise<Record<string, unknown>> {
    const claims = await this.accessTokens.verifyActive(presented.token);
    if (!claims) throw new InvalidToken();
    assertSenderConstrained(claims, presented);
    const client = await this.clients.findById(claims.client_id);
    if (!client) throw new InvalidToken('The client of this token no longer exists');
    const scopes = claims.scope.split(' ');
    // OIDC Core §5.3.1: the token must have been issued for an OpenID request. That request may also have
    // named an API (RFC 8707 `resource`), so the token's aud is that API: the openid scope the person
    // consented to, not the audience, is what lets the client read who signed in (as a browser app does
    // after sign-in with the one access token it holds).
    if (!scopes.includes('openid')) throw new InsufficientScope('openid');
    const user = await this.users.findById(claims.sub);
    if (!user || user.disabled) throw new InvalidToken('The person of this token can no longer sign in');
    // Read now, as the profile claims are: userinfo tells what is true of the person at this moment.
    return { ...userClaims(user, scopes), ...(await this.personClaims.forScopes(user.id, client, scopes)) };
  }
}

/** OIDC Core §5.4: `profile` and `email` scopes map to their standard claims. */
export function userClaims(user: UserEntity, scopes: readonly string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: user.id };
  if (scopes.includes('profile')) {
    claims.preferred_username = user.username;
    if (user.name) claims.name = user.name;
    if (user.givenName) claims.given_name = user.givenName;
    if (user.familyName) claims.family_name = user.familyName;
    claims.updated_at = Math.floor(user.updatedAt.getTime() / 1000);
    // Not an OIDC standard claim: the person's roles, so first-party apps can decide what to show.
    claims.roles = [...user.roles];
  }
  if (scopes.includes('email') && user.email) {
    claims.email = user.email;
    claims.email_verified = user.emailVerified;
  }
  return claims;
}
