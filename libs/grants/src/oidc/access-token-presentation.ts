import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InvalidToken } from '@app/core';
import { AccessTokenClaims, dpopChallenge, dpopRefusal, DpopProofs } from '@app/tokens';
import { readBearerToken } from './bearer-token';

const DPOP_AUTHORIZATION = /^DPoP ([A-Za-z0-9\-._~+/]+=*)$/i;

/** An access token as a request presented it, with the key its DPoP proof demonstrated. */
export interface PresentedAccessToken {
  token: string;
  /** RFC 9449 §7.1: the thumbprint of the proof's key when the token came with the DPoP scheme. */
  dpopJkt?: string;
}

/** RFC 6750 bearer tokens and RFC 9449 §7 DPoP tokens at a protected endpoint of ours. */
@Injectable()
export class AccessTokenPresentation {
  constructor(private readonly dpop: DpopProofs) {}

  /** `path` is the endpoint's route under the issuer, for the proof's htu. */
  async read(request: FastifyRequest, path: string, realm: string): Promise<PresentedAccessToken> {
    const match = DPOP_AUTHORIZATION.exec(request.headers.authorization?.trim() ?? '');
    if (!match) return { token: readBearerToken(request, realm) };
    const token = match[1];
    // RFC 9449 §7.1: the DPoP scheme needs a proof that hashes this very token.
    const dpopJkt = await this.dpop.verify(request, { at: 'resource', path, accessToken: token });
    if (!dpopJkt) throw dpopRefusal('resource', 'DPoP authorization without a DPoP proof');
    return { token, dpopJkt };
  }
}

/**
 * RFC 9449 §7.1: a bound token goes only with a proof of its key; §7.2: presented as a bearer token, it is
 * refused, or DPoP would protect nothing. A token that is not bound may not claim the DPoP scheme.
 */
export function assertSenderConstrained(claims: AccessTokenClaims, presented: PresentedAccessToken): void {
  const bound = claims.cnf?.jkt;
  if (bound === presented.dpopJkt) return;
  const description = bound ? 'The access token is bound to a DPoP key' : 'The access token is not DPoP-bound';
  const refusal = new InvalidToken(description);
  if (bound) refusal.withHeader('WWW-Authenticate', dpopChallenge('invalid_token', description));
  throw refusal;
}
