import { Injectable } from '@nestjs/common';
import type { ClientEntity } from '@app/clients';
import { AccessTokenService } from '../access/access-token.service';
import { RevocationRepository } from '../revocation/revocation.repository';

export type IntrospectionResponse =
  | { active: false }
  | {
      active: true;
      scope: string;
      client_id: string;
      sub: string;
      aud: string | string[];
      iss: string;
      exp: number;
      iat: number;
      jti: string;
      token_type: string;
      auth_time?: number;
    };

const INACTIVE: IntrospectionResponse = { active: false };

/** RFC 7662: tells an authenticated caller whether a token is active, and what it carries. */
@Injectable()
export class IntrospectionService {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly revocations: RevocationRepository,
  ) {}

  // RFC 7662 §2.2: expired, revoked, malformed, foreign or unknown tokens are all just inactive.
  async introspect(token: string, _caller: ClientEntity): Promise<IntrospectionResponse> {
    const claims = await this.accessTokens.verify(token);
    if (!claims) return INACTIVE;
    if (await this.revocations.isRevoked(claims.jti, claims.gid)) return INACTIVE;
    const response: IntrospectionResponse = {
      active: true,
      scope: claims.scope,
      client_id: claims.client_id,
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      token_type: 'Bearer',
    };
    if (claims.auth_time !== undefined) response.auth_time = claims.auth_time;
    return response;
  }
}
