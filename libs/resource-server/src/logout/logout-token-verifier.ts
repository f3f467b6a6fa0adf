import { decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import { VerifierUnavailableError } from '../errors';
import { issuerEndpoints } from '../issuer-endpoints';
import type { JwksCache } from '../jwks-cache';
import { type LogoutTokenVerifierOptions, type ResolvedLogoutTokenOptions, resolveLogoutTokenOptions } from './logout-token-options';
import { LogoutTokenRejected, type LogoutTokenRejection } from './logout-token-rejected';

/** Back-Channel Logout 1.0 §2.4: the member of `events` that makes a JWT a logout token. */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const LOGOUT_TOKEN_TYPE = 'logout+jwt';
const MAX_TOKEN_LENGTH = 16 * 1024;

/** What an accepted logout token asks for: end the session `sid`, or every session of `sub` when no `sid`. */
export interface VerifiedLogoutToken {
  sub?: string;
  sid?: string;
  jti: string;
  iss: string;
  aud: string | string[];
}

/**
 * Validates the logout tokens an OpenID provider POSTs to this client's backchannel_logout_uri
 * (Back-Channel Logout 1.0 §2.6) against the provider's JWKS, and refuses a `jti` seen before.
 * Create one per provider and client, and reuse it: it caches the key set and remembers `jti`s.
 */
export class LogoutTokenVerifier {
  private readonly options: ResolvedLogoutTokenOptions;
  private readonly jwks: JwksCache;

  constructor(options: LogoutTokenVerifierOptions) {
    this.options = resolveLogoutTokenOptions(options);
    this.jwks = issuerEndpoints(this.options).jwks;
  }

  /**
   * Resolves with the token's subject and session, or rejects with LogoutTokenRejected (refuse it: 400) or
   * VerifierUnavailableError (the provider's keys could not be fetched; no verdict). Records the `jti`.
   */
  async verify(token: string): Promise<VerifiedLogoutToken> {
    if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
      throw new LogoutTokenRejected('malformed', 'The logout token is malformed');
    }
    this.checkHeader(token);
    const claims = await this.verifySignedClaims(token);
    const verified = checkLogoutClaims(claims);
    // Kept until the token would be too old anyway: past that, maxTokenAge refuses a replay by itself.
    const keepUntilMs = (claims.iat! + this.options.maxTokenAgeSeconds + this.options.clockToleranceSeconds) * 1000;
    if (!(await this.options.replayStore.remember(verified.jti, keepUntilMs))) {
      throw new LogoutTokenRejected('replayed', 'The logout token was already used');
    }
    return verified;
  }

  /** Lets the provider's retry through after the application failed to act on an accepted token. */
  async release(jti: string): Promise<void> {
    await this.options.replayStore.forget(jti);
  }

  private checkHeader(token: string): void {
    let typ: unknown;
    try {
      typ = decodeProtectedHeader(token).typ;
    } catch (cause) {
      throw new LogoutTokenRejected('malformed', 'The logout token is malformed', { cause });
    }
    // §2.6 / RFC 8725 §3.11: explicit typing keeps ID tokens and access tokens from passing as logout tokens.
    if (typ === undefined && this.options.allowMissingTyp) return;
    if (typeof typ !== 'string' || typ.toLowerCase().replace(/^application\//, '') !== LOGOUT_TOKEN_TYPE) {
      throw new LogoutTokenRejected('typ', 'The token is not a logout token');
    }
  }

  private async verifySignedClaims(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.jwks.getKey, {
        // RFC 8725 §3.1: only the configured asymmetric algorithms; never none or HS*.
        algorithms: [...this.options.algorithms],
        // §2.6: iss and aud as for ID tokens (OIDC Core §3.1.3.7); aud may be an array naming us.
        issuer: this.options.issuer,
        audience: this.options.clientId,
        // §2.6: iat as for ID tokens; exp when present. maxTokenAge also refuses an iat in the future.
        maxTokenAge: this.options.maxTokenAgeSeconds,
        clockTolerance: this.options.clockToleranceSeconds,
        currentDate: new Date(this.options.now()),
        requiredClaims: ['iss', 'aud', 'iat', 'jti', 'events'],
      });
      return payload;
    } catch (error) {
      if (error instanceof VerifierUnavailableError) throw error;
      throw rejectionFor(error);
    }
  }
}

function checkLogoutClaims(claims: JWTPayload): VerifiedLogoutToken {
  const events = claims['events'];
  // §2.6: events must hold the back-channel logout member, whose value is a JSON object.
  if (!isObject(events) || !isObject(events[BACKCHANNEL_LOGOUT_EVENT])) {
    throw new LogoutTokenRejected('events', 'The logout token lacks the back-channel logout event');
  }
  // §2.6: nonce is prohibited, so a logout token can never be used as an ID token or the other way round.
  if (claims['nonce'] !== undefined) {
    throw new LogoutTokenRejected('nonce', 'The logout token must not contain a nonce');
  }
  const { sub, jti } = claims;
  const sid = claims['sid'];
  if ((sub !== undefined && !nonEmpty(sub)) || (sid !== undefined && !nonEmpty(sid)) || (sub === undefined && sid === undefined)) {
    throw new LogoutTokenRejected('subject', 'The logout token must name a subject or a session');
  }
  if (!nonEmpty(jti)) throw new LogoutTokenRejected('jti', 'The logout token lacks a jti');
  return {
    ...(sub === undefined ? {} : { sub }),
    ...(sid === undefined ? {} : { sid: sid as string }),
    jti,
    iss: claims.iss!,
    aud: claims.aud!,
  };
}

const JOSE_REJECTIONS: Record<string, [LogoutTokenRejection, string]> = {
  ERR_JWT_EXPIRED: ['expired', 'The logout token expired'],
  ERR_JOSE_ALG_NOT_ALLOWED: ['algorithm', 'The logout token is signed with an algorithm that is not accepted'],
  ERR_JWKS_NO_MATCHING_KEY: ['unknown_key', 'The logout token is signed with an unknown key'],
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: ['unknown_key', 'The logout token is signed with an unknown key'],
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: ['signature', 'The logout token signature is invalid'],
};
const CLAIM_REJECTIONS: Record<string, [LogoutTokenRejection, string]> = {
  iss: ['issuer', 'The logout token was issued by an unexpected issuer'],
  aud: ['audience', 'The logout token is not meant for this client'],
  iat: ['iat', 'The logout token has no acceptable iat'],
  jti: ['jti', 'The logout token lacks a jti'],
  events: ['events', 'The logout token lacks the back-channel logout event'],
};

/** Client-safe wording for jose's failures; the original error stays available as `cause`. */
function rejectionFor(error: unknown): LogoutTokenRejected {
  const { code, claim } = (isObject(error) ? error : {}) as { code?: unknown; claim?: unknown };
  const byClaim = code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' || code === 'ERR_JWT_EXPIRED' ? CLAIM_REJECTIONS[String(claim)] : undefined;
  const [reason, description] = byClaim ?? JOSE_REJECTIONS[String(code)] ?? ['malformed', 'The logout token is malformed'];
  return new LogoutTokenRejected(reason, description, { cause: error, message: error instanceof Error ? error.message : String(error) });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
