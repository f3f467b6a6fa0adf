import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, errors } from 'jose';
import { AppConfig, Clock, SigningAlgorithm } from '@app/core';
import { JwsSigner } from '../keys/jws-signer';
import { AuthenticationClaimValues, PersonClaimValues, presentAuthenticationClaims, presentPersonClaims } from '../access/access-token-claims';
import { KeyStore } from '../keys/key-store.service';

/** `acr` and `amr` (OIDC Core §2) say how the person authenticated, omitted when unknown. */
export interface IdTokenRequest extends AuthenticationClaimValues {
  clientId: string;
  subject: string;
  /** When the person signed in, seconds since the epoch. */
  authTime?: number;
  nonce?: string | null;
  sessionId?: string | null;
  /** The access token issued alongside, for at_hash. */
  accessToken?: string;
  /** The client's registered id_token_signed_response_alg. */
  alg?: SigningAlgorithm;
  /** The person's groups and roles, for the scopes that asked for them. */
  personClaims?: PersonClaimValues;
  /** Profile and e-mail claims, for an ID Token issued without an access token (OIDC Core §5.4). */
  profileClaims?: Record<string, unknown>;
}

export interface IdTokenHintClaims {
  sub: string;
  aud: string[];
  sid?: string;
}

// OIDC Core §3.1.3.6: at_hash uses the hash of the signing algorithm; Ed25519 uses SHA-512.
const AT_HASH_DIGEST: Record<SigningAlgorithm, string> = { ES256: 'sha256', RS256: 'sha256', PS256: 'sha256', EdDSA: 'sha512' };
const ACCEPTED_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];

/**
 * OpenID Connect ID Tokens (OIDC Core §2): only the claims the protocol needs plus `sid`, and `groups` and
 * `roles` when asked for, since clients decide with them right at sign-in; profile and e-mail claims are
 * served by the userinfo endpoint.
 */
@Injectable()
export class IdTokenService {
  constructor(
    private readonly keys: KeyStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly signer: JwsSigner,
  ) {}

  async issue(request: IdTokenRequest): Promise<string> {
    const key = this.keys.keyForClient(request.alg);
    const iat = this.clock.epochSeconds();
    const claims: Record<string, unknown> = { ...request.profileClaims, ...presentPersonClaims(request.personClaims) };
    if (request.authTime !== undefined) claims.auth_time = request.authTime;
    Object.assign(claims, presentAuthenticationClaims(request));
    if (request.nonce) claims.nonce = request.nonce;
    if (request.sessionId) claims.sid = request.sessionId;
    if (request.accessToken) claims.at_hash = atHash(request.accessToken, key.alg);
    const payload = { ...claims, iss: this.config.issuer, sub: request.subject, aud: request.clientId, iat, exp: iat + this.config.idTokenTtl };
    return this.signer.sign(payload, 'JWT', key);
  }

  /**
   * Signs another token the client verifies with the keys of its ID tokens (a Logout Token: Back-Channel
   * Logout 1.0 §2.4), with the key for its id_token_signed_response_alg.
   */
  signForClient(payload: Record<string, unknown>, typ: string, alg?: SigningAlgorithm): Promise<string> {
    return this.signer.sign(payload, typ, this.keys.keyForClient(alg));
  }

  /**
   * An id_token_hint (RP-Initiated Logout 1.0 §2): signed by one of our keys and issued by us; an expired
   * one is still a valid hint. Returns undefined for anything else (alg none, foreign keys, access tokens).
   */
  async verifyHint(token: string): Promise<IdTokenHintClaims | undefined> {
    if (token.length > 8192 || token.split('.').length !== 3) return undefined;
    try {
      const header = decodeProtectedHeader(token);
      if (header.typ !== undefined && header.typ !== 'JWT') return undefined;
      const { payload } = await compactVerify(
        token,
        async (protectedHeader) => {
          const key = protectedHeader.kid ? await this.keys.verificationKey(protectedHeader.kid) : undefined;
          if (!key || key.alg !== protectedHeader.alg) throw new errors.JWKSNoMatchingKey();
          return key.publicKey;
        },
        { algorithms: ACCEPTED_ALGORITHMS },
      );
      const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
      if (claims.iss !== this.config.issuer || typeof claims.sub !== 'string') return undefined;
      const aud = ([] as unknown[]).concat(claims.aud).filter((value): value is string => typeof value === 'string');
      if (aud.length === 0) return undefined;
      return { sub: claims.sub, aud, sid: typeof claims.sid === 'string' ? claims.sid : undefined };
    } catch {
      return undefined;
    }
  }
}

/** OIDC Core §3.1.3.6: base64url of the left half of the hash of the access token's ASCII octets. */
export function atHash(accessToken: string, alg: SigningAlgorithm): string {
  const digest = createHash(AT_HASH_DIGEST[alg]).update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
