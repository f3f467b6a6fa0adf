import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import type { EntityManager } from 'typeorm';
import { AppConfig, Clock, randomToken } from '@app/core';
import { JwsSigner } from '../keys/jws-signer';
import { KeyStore } from '../keys/key-store.service';
import { RevocationRepository } from '../revocation/revocation.repository';
import { AccessTokenClaims, ActorClaim, AuthenticationClaimValues, PersonClaimValues, presentAuthenticationClaims, presentPersonClaims } from './access-token-claims';
import { OpaqueAccessTokenRepository } from './opaque-access-token.repository';

export interface AccessTokenRequest extends AuthenticationClaimValues {
  clientId: string;
  /** The resource owner's id, or the client id for client_credentials (RFC 9068 §2.2). */
  subject: string;
  scopes: readonly string[];
  audience: string | string[];
  ttlSeconds: number;
  /** Ties the token to the grant (code redemption, refresh family) so it can be revoked with it. */
  grantId?: string;
  authTime?: number;
  sessionId?: string;
  /** `opaque`: a random reference token stored hashed, for APIs that want them; default an RFC 9068 JWT. */
  format?: 'jwt' | 'opaque';
  /** The person's groups and roles, for the scopes that asked for them. */
  personClaims?: PersonClaimValues;
  /** RFC 9449 §6: the thumbprint of the DPoP key the token is bound to. */
  dpopJkt?: string;
  /** RFC 8693 §4.1: the actor chain of an exchanged token. */
  act?: ActorClaim;
}

export interface IssuedAccessToken {
  token: string;
  jti: string;
  expiresIn: number;
  expiresAt: number;
}

const ACCEPTED_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];
/** Signatures already checked, so a token introspected again and again is not verified again and again. */
const VERIFIED_CACHE_MAX = 10_000;

/** Reference tokens carry this prefix so they are told apart from refresh tokens without a lookup. */
export const OPAQUE_ACCESS_TOKEN_PREFIX = 'oat_';

/** RFC 9068 JWT access tokens: signing with the active key, and verifying our own. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly keys: KeyStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly opaqueTokens: OpaqueAccessTokenRepository,
    private readonly signer: JwsSigner,
    private readonly revocations: RevocationRepository,
  ) {}

  /** token -> claims of JWTs whose signature, issuer and type were verified; expiry is checked on each use. */
  private readonly verified = new Map<string, AccessTokenClaims>();

  /**
   * The claims of a valid access token that has not been revoked, or undefined. A reference token's claims
   * come from a short-lived cache when the revocations in memory are current (then nothing is queried);
   * otherwise the lookup and the revocation check are one statement.
   */
  async verifyActive(token: string): Promise<AccessTokenClaims | undefined> {
    if (token.startsWith(OPAQUE_ACCESS_TOKEN_PREFIX)) {
      if (token.length > 8192) return undefined;
      if (!this.revocations.answersFromMemory()) return this.opaqueTokens.find(token, this.config.issuer, true);
      const stored = await this.opaqueTokens.findCached(token, this.config.issuer);
      return stored && !(await this.revocations.isRevoked(stored)) ? stored : undefined;
    }
    const claims = await this.verify(token);
    if (!claims || (await this.revocations.isRevoked(claims))) return undefined;
    return claims;
  }

  /** A new access token; a reference token is stored through `manager` when the grant runs in a transaction. */
  async issue(request: AccessTokenRequest, manager?: EntityManager): Promise<IssuedAccessToken> {
    const iat = this.clock.epochSeconds();
    const exp = iat + request.ttlSeconds;
    // RFC 9068 §2.2 asks only for a unique jti. randomUUID draws from a buffered entropy pool, where
    // randomBytes makes a system call per token.
    const jti = randomUUID();
    const claims: Record<string, unknown> = { client_id: request.clientId, scope: request.scopes.join(' '), ...presentPersonClaims(request.personClaims) };
    if (request.grantId) claims.gid = request.grantId;
    if (request.authTime !== undefined) claims.auth_time = request.authTime;
    Object.assign(claims, presentAuthenticationClaims(request));
    if (request.sessionId) claims.sid = request.sessionId;
    if (request.dpopJkt) claims.cnf = { jkt: request.dpopJkt };
    if (request.act) claims.act = request.act;
    if (request.format === 'opaque') {
      const token = OPAQUE_ACCESS_TOKEN_PREFIX + randomToken(32);
      const full = { ...claims, iss: this.config.issuer, sub: request.subject, aud: request.audience, iat, exp, jti } as AccessTokenClaims;
      await this.opaqueTokens.save(token, full, manager);
      return { token, jti, expiresIn: request.ttlSeconds, expiresAt: exp };
    }
    // RFC 9068 §2.1: the header typ is at+jwt; §2.2 the claims.
    const token = await this.signer.sign(
      { ...claims, iss: this.config.issuer, sub: request.subject, aud: request.audience, iat, exp, jti },
      'at+jwt',
    );
    return { token, jti, expiresIn: request.ttlSeconds, expiresAt: exp };
  }

  /**
   * The claims of a valid access token of ours, JWT or reference, or undefined (bad signature, expired,
   * wrong type, alg none, unknown reference...). Revocation is checked by the caller.
   */
  async verify(token: string): Promise<AccessTokenClaims | undefined> {
    if (token.length > 8192) return undefined;
    if (token.startsWith(OPAQUE_ACCESS_TOKEN_PREFIX)) return this.opaqueTokens.find(token, this.config.issuer);
    if (token.split('.').length !== 3) return undefined;
    const known = this.verified.get(token);
    if (known) {
      // A signature does not change; only time can make a verified token invalid.
      if (known.exp > this.clock.epochSeconds()) return known;
      this.verified.delete(token);
      return undefined;
    }
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          const key = header.kid ? await this.keys.verificationKey(header.kid) : undefined;
          if (!key || key.alg !== header.alg) throw new errors.JWKSNoMatchingKey();
          return key.publicKey;
        },
        {
          issuer: this.config.issuer,
          typ: 'at+jwt',
          algorithms: ACCEPTED_ALGORITHMS,
          currentDate: this.clock.now(),
          requiredClaims: ['sub', 'jti', 'exp', 'iat', 'client_id'],
        },
      );
      const claims = payload as AccessTokenClaims;
      if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, claims);
      return claims;
    } catch {
      return undefined;
    }
  }
}
