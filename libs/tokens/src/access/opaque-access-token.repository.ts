import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ExpiringCache, sha256 } from '@app/core';
import { cutoffKeysSql } from '../revocation/token-group';
import type { AccessTokenClaims, ActorClaim } from './access-token-claims';

interface OpaqueRow {
  jti: string;
  client_id: string;
  subject: string;
  audience: string[];
  scopes: string[];
  grant_id: string | null;
  session_id: string | null;
  auth_time: string | null;
  issued_at: string;
  expires_at: Date;
  groups: string[] | null;
  roles: string[] | null;
  acr: string | null;
  amr: string[] | null;
  cnf_jkt: string | null;
  act: ActorClaim | null;
}

/** How long a reference token's claims stay cached (never past the token's own expiry). */
const CACHE_TTL_MS = 60_000;
const CACHE_ENTRIES = 20_000;

/** Persistence of opaque (reference) access tokens; the format decision is made elsewhere. */
@Injectable()
export class OpaqueAccessTokenRepository {
  /**
   * Stored claims by token hash. A row never changes once written and goes only when it has expired, so
   * the cache needs no invalidation: revocation is checked apart, on every use (RevocationMemory).
   */
  private readonly cache = new ExpiringCache<AccessTokenClaims>(CACHE_TTL_MS, CACHE_ENTRIES);

  constructor(private readonly dataSource: DataSource) {}

  /** `find` without the revocation check, through the cache; a copy, so no caller changes the cached claims. */
  async findCached(token: string, issuer: string): Promise<AccessTokenClaims | undefined> {
    const key = sha256(token);
    let claims = this.cache.get(key);
    if (!claims) {
      claims = await this.find(token, issuer);
      if (!claims) return undefined;
      this.cache.set(key, claims);
    }
    if (claims.exp * 1000 <= Date.now()) return undefined;
    return structuredClone(claims);
  }

  /**
   * Stores the token; inside a transaction with its manager, so it commits with the grant that issued it.
   * The person claims are stored as issued: introspection answers what the token was given, as a JWT's
   * claims would, whatever the person's groups are by then. NULL means the claim was not asked for.
   */
  async save(token: string, claims: AccessTokenClaims, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO opaque_access_tokens (token_hash, jti, client_id, subject, audience, scopes, grant_id, session_id, auth_time, issued_at, expires_at, groups, roles, acr, amr, cnf_jkt, act)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, to_timestamp($11), $12, $13, $14, $15, $16, $17)`,
      [
        sha256(token),
        claims.jti,
        claims.client_id,
        claims.sub,
        ([] as string[]).concat(claims.aud),
        claims.scope ? claims.scope.split(' ') : [],
        claims.gid ?? null,
        claims.sid ?? null,
        claims.auth_time ?? null,
        claims.iat,
        claims.exp,
        claims.groups ?? null,
        claims.roles ?? null,
        claims.acr ?? null,
        claims.amr ?? null,
        claims.cnf?.jkt ?? null,
        claims.act ? JSON.stringify(claims.act) : null,
      ],
    );
  }

  /**
   * The claims of an unexpired reference token, or undefined. With `excludeRevoked`, a revoked token (by
   * jti, by grant, or by a cutoff of its person, session or consent) is undefined too, checked in the same
   * statement. As for JWTs, only a person's tokens (those with a grant) are checked against cutoffs.
   */
  async find(token: string, issuer: string, excludeRevoked = false): Promise<AccessTokenClaims | undefined> {
    const revokedFilter = excludeRevoked
      ? `AND NOT EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = o.jti)
         AND (o.grant_id IS NULL OR (
               NOT EXISTS (SELECT 1 FROM revoked_grants g WHERE g.grant_id = o.grant_id)
           AND NOT EXISTS (SELECT 1 FROM revocation_cutoffs c
                            WHERE c.key = ANY (${cutoffKeysSql('o.subject', 'o.client_id', 'o.session_id')})
                              AND c.issued_before >= to_timestamp(o.issued_at))))`
      : '';
    const rows: OpaqueRow[] = await this.dataSource.query(
      `SELECT jti, client_id, subject, audience, scopes, grant_id, session_id, auth_time, issued_at, expires_at, groups, roles, acr, amr, cnf_jkt, act
         FROM opaque_access_tokens o WHERE token_hash = $1 AND expires_at > now() ${revokedFilter}`,
      [sha256(token)],
    );
    const row = rows[0];
    if (!row) return undefined;
    const claims: AccessTokenClaims = {
      iss: issuer,
      sub: row.subject,
      aud: row.audience.length === 1 ? row.audience[0] : row.audience,
      client_id: row.client_id,
      scope: row.scopes.join(' '),
      jti: row.jti,
      iat: Number(row.issued_at),
      exp: Math.floor(row.expires_at.getTime() / 1000),
    };
    if (row.grant_id) claims.gid = row.grant_id;
    if (row.session_id) claims.sid = row.session_id;
    if (row.auth_time) claims.auth_time = Number(row.auth_time);
    if (row.groups) claims.groups = row.groups;
    if (row.roles) claims.roles = row.roles;
    if (row.acr) claims.acr = row.acr;
    if (row.amr) claims.amr = row.amr;
    if (row.cnf_jkt) claims.cnf = { jkt: row.cnf_jkt };
    if (row.act) claims.act = row.act;
    return claims;
  }
}
