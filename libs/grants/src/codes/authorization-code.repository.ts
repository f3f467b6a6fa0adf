import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { randomToken, sha256 } from '@app/core';
import { TokenGroup, tokenGroupFilter } from '@app/tokens';
import type { PkceMethod } from '../pkce/pkce';

export interface NewAuthorizationCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  nonce?: string;
  codeChallenge?: string;
  codeChallengeMethod?: PkceMethod;
  /** The RFC 8707 resource of the authorization request: the token request may only target it. */
  resource?: string;
  /** RFC 9449 §10: the DPoP key thumbprint the token request's proof must have. */
  dpopJkt?: string;
  authTime: Date;
  sessionId: string;
  /** The level the session proved (pwd, mfa, phr), for the `acr` claim of the tokens; null when unknown. */
  acr?: string | null;
  /** The RFC 8176 methods of the session, for the `amr` claim. */
  amr?: string[] | null;
  expiresAt: Date;
}

export interface AuthorizationCodeRecord {
  grantId: string;
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: PkceMethod | null;
  resource: string | null;
  dpopJkt: string | null;
  authTime: Date;
  sessionId: string;
  acr: string | null;
  amr: string[] | null;
  expiresAt: Date;
  /** Whether the person may still sign in (not disabled), read with the consumption. */
  personEnabled: boolean;
}

export type ConsumeResult =
  | { outcome: 'consumed'; code: AuthorizationCodeRecord }
  | { outcome: 'replayed'; grantId: string; clientId: string }
  | { outcome: 'unknown' };

interface RawCode {
  grant_id: string;
  client_id: string;
  redirect_uri: string;
  user_id: string;
  scopes: string[];
  nonce: string | null;
  code_challenge: string | null;
  code_challenge_method: string | null;
  resource: string | null;
  dpop_jkt: string | null;
  auth_time: Date;
  session_id: string;
  acr: string | null;
  amr: string[] | null;
  expires_at: Date;
  person_disabled: boolean;
}

/** Authorization codes: 256-bit random values of which only the SHA-256 is stored. */
@Injectable()
export class AuthorizationCodeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new code; returns the code itself (shown once, in the redirect). */
  async issue(code: NewAuthorizationCode): Promise<string> {
    const value = randomToken(32);
    await this.dataSource.query(
      `INSERT INTO authorization_codes (code_hash, grant_id, client_id, redirect_uri, user_id, scopes, nonce,
         code_challenge, code_challenge_method, resource, auth_time, session_id, acr, amr, expires_at, dpop_jkt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [sha256(value), randomToken(16), code.clientId, code.redirectUri, code.userId, code.scopes, code.nonce ?? null,
        code.codeChallenge ?? null, code.codeChallengeMethod ?? null, code.resource ?? null, code.authTime, code.sessionId,
        code.acr ?? null, code.amr ?? null, code.expiresAt, code.dpopJkt ?? null],
    );
    return value;
  }

  /**
   * Redeems a code exactly once: one atomic UPDATE ... WHERE consumed_at IS NULL, so of two concurrent
   * redemptions only one gets the row. The person's state comes back with it (a code's person always
   * exists: deleting a person deletes their codes). A code that exists but was already consumed is
   * reported as a replay.
   */
  async consume(code: string, manager: EntityManager = this.dataSource.manager): Promise<ConsumeResult> {
    const codeHash = sha256(code);
    const [rows]: [RawCode[], number] = await manager.query(
      `UPDATE authorization_codes c SET consumed_at = now() FROM users u
        WHERE c.code_hash = $1 AND c.consumed_at IS NULL AND u.id = c.user_id
       RETURNING c.grant_id, c.client_id, c.redirect_uri, c.user_id, c.scopes, c.nonce, c.code_challenge,
                 c.code_challenge_method, c.resource, c.auth_time, c.session_id, c.acr, c.amr, c.expires_at, c.dpop_jkt, u.disabled AS person_disabled`,
      [codeHash],
    );
    if (rows[0]) return { outcome: 'consumed', code: toRecord(rows[0]) };
    const existing: Array<{ grant_id: string; client_id: string }> = await manager.query(
      `SELECT grant_id, client_id FROM authorization_codes WHERE code_hash = $1`,
      [codeHash],
    );
    return existing[0] ? { outcome: 'replayed', grantId: existing[0].grant_id, clientId: existing[0].client_id } : { outcome: 'unknown' };
  }

  /**
   * Deletes the group's codes not yet redeemed, so none of them can start a grant after it was ended. A
   * redemption in flight holds its code's row lock until it has stored its refresh token; the DELETE waits
   * for it, so the refresh tokens revoked next in the caller's transaction include that one.
   */
  async withdrawPending(group: TokenGroup, manager: EntityManager): Promise<void> {
    const { where, params } = tokenGroupFilter(group);
    await manager.query(`DELETE FROM authorization_codes WHERE ${where} AND consumed_at IS NULL`, params);
  }
}

function toRecord(row: RawCode): AuthorizationCodeRecord {
  return {
    grantId: row.grant_id,
    clientId: row.client_id,
    redirectUri: row.redirect_uri,
    userId: row.user_id,
    scopes: row.scopes,
    nonce: row.nonce,
    codeChallenge: row.code_challenge,
    codeChallengeMethod: row.code_challenge_method as PkceMethod | null,
    resource: row.resource,
    dpopJkt: row.dpop_jkt,
    authTime: new Date(row.auth_time),
    sessionId: row.session_id,
    acr: row.acr,
    amr: row.amr,
    expiresAt: new Date(row.expires_at),
    personEnabled: !row.person_disabled,
  };
}
