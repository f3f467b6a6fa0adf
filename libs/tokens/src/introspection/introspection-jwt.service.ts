import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import type { ClientEntity } from '@app/clients';
import { AppConfig, Clock, SigningAlgorithm } from '@app/core';
import { KeyStore } from '../keys/key-store.service';
import type { IntrospectionResponse } from './introspection.service';

export const INTROSPECTION_JWT_MEDIA_TYPE = 'application/token-introspection+jwt';

/** RFC 9701: the introspection answer as a JWT signed by the server, for callers that ask for it. */
@Injectable()
export class IntrospectionJwtService {
  constructor(
    private readonly keys: KeyStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** RFC 9701 §5: the Accept header names the JWT media type. */
  wants(accept: string | undefined): boolean {
    return (accept ?? '').toLowerCase().split(',').some((part) => part.split(';')[0].trim() === INTROSPECTION_JWT_MEDIA_TYPE);
  }

  async sign(response: IntrospectionResponse, caller: Pick<ClientEntity, 'clientId' | 'introspectionSignedResponseAlg'>): Promise<string> {
    // RFC 9701 §6: RS256 unless the client registered introspection_signed_response_alg.
    const key = this.keys.keyForClient(caller.introspectionSignedResponseAlg as SigningAlgorithm);
    // RFC 9701 §5: iss, aud (the caller), iat and the answer under token_introspection.
    return new SignJWT({ token_introspection: response })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'token-introspection+jwt' })
      .setIssuer(this.config.issuer)
      .setAudience(caller.clientId)
      .setIssuedAt(this.clock.epochSeconds())
      .sign(key.privateKey);
  }
}
