import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { KeysetPage, KeysetPagination, rowsOf } from '@app/core';
import { TokenGroup, tokenGroupFilter } from '@app/tokens';
import { DeviceAuthorizationEntity, DeviceAuthorizationStatus } from './device-authorization.entity';

export interface NewDeviceAuthorization {
  deviceCodeHash: string;
  userCodeHash: string;
  clientId: string;
  scopes: readonly string[];
  intervalSeconds: number;
  ttlSeconds: number;
}

/** What one poll of the token endpoint found, after recording the poll. */
export interface PollState {
  id: string;
  status: DeviceAuthorizationStatus;
  consumed: boolean;
  expired: boolean;
  /** True when this poll came sooner than the interval and the interval was raised (RFC 8628 §3.5). */
  slowedDown: boolean;
  intervalSeconds: number;
  scopes: string[];
}

/** An approved authorization, taken for redemption exactly once. */
export interface ConsumedAuthorization {
  id: string;
  clientId: string;
  userId: string;
  sessionId: string | null;
  authTime: Date | null;
  acr: string | null;
  amr: string[] | null;
  scopes: string[];
}

/** The person approving or denying, from their session: who, and how they authenticated. */
export interface DeviceDecider {
  userId: string;
  sessionId: string;
  authTime: Date;
  /** The level the session proved (pwd, mfa, phr), for the `acr` claim of the tokens; null when unknown. */
  acr?: string | null;
  /** The RFC 8176 methods of the session, for the `amr` claim. */
  amr?: string[] | null;
}

export type PendingPage = KeysetPage<DeviceAuthorizationEntity>;

const pages = new KeysetPagination<DeviceAuthorizationEntity>(
  { timeColumn: 'd.created_at', idColumn: 'd.id', direction: 'ASC', idsAreUuids: true },
  (row) => ({ time: row.createdAt, id: row.id }),
);

/** Device authorizations, found by the SHA-256 of their codes; every state change is one atomic UPDATE. */
@Injectable()
export class DeviceAuthorizationRepository {
  private readonly repository: Repository<DeviceAuthorizationEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repository = dataSource.getRepository(DeviceAuthorizationEntity);
  }

  async create(input: NewDeviceAuthorization): Promise<{ id: string; expiresAt: Date }> {
    const rows = rowsOf<{ id: string; expires_at: Date }>(
      await this.dataSource.query(
        `INSERT INTO device_authorizations (device_code_hash, user_code_hash, client_id, scopes, interval_seconds, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
         RETURNING id, expires_at`,
        [input.deviceCodeHash, input.userCodeHash, input.clientId, input.scopes, input.intervalSeconds, input.ttlSeconds],
      ),
    );
    return { id: rows[0].id, expiresAt: new Date(rows[0].expires_at) };
  }

  /** A code the person may still decide on: pending and not expired. */
  findPendingByUserCode(userCodeHash: string): Promise<DeviceAuthorizationEntity | null> {
    return this.repository
      .createQueryBuilder('d')
      .where('d.user_code_hash = :userCodeHash', { userCodeHash })
      .andWhere(`d.status = 'pending' AND d.expires_at > now()`)
      .getOne();
  }

  /** Records the person's decision once; undefined when the code was decided or expired meanwhile. */
  async decide(
    userCodeHash: string,
    status: 'approved' | 'denied',
    session: DeviceDecider,
  ): Promise<string | undefined> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE device_authorizations
            SET status = $2, user_id = $3, session_id = $4, auth_time = $5, acr = $6, amr = $7, decided_at = now()
          WHERE user_code_hash = $1 AND status = 'pending' AND expires_at > now()
          RETURNING id`,
        [userCodeHash, status, session.userId, session.sessionId, session.authTime, session.acr ?? null, session.amr ?? null],
      ),
    );
    return rows[0]?.id;
  }

  /**
   * Records a poll by the client the device code was issued to and, while pending, raises the interval by
   * 5 seconds when the poll came too soon. Row-locked, so concurrent polls on any instance see each other.
   */
  async recordPoll(deviceCodeHash: string, clientId: string): Promise<PollState | undefined> {
    const rows = rowsOf<{ id: string; status: DeviceAuthorizationStatus; consumed: boolean; expired: boolean; slowed: boolean; interval_seconds: number; scopes: string[] }>(
      await this.dataSource.query(
        `WITH previous AS (
           SELECT id, last_polled_at, interval_seconds FROM device_authorizations
            WHERE device_code_hash = $1 AND client_id = $2
            FOR UPDATE
         )
         UPDATE device_authorizations d
            SET last_polled_at = now(),
                -- RFC 8628 §3.5: slow_down raises the interval by 5 seconds for this and later requests.
                interval_seconds = CASE
                  WHEN d.status = 'pending' AND d.consumed_at IS NULL AND d.expires_at > now()
                   AND previous.last_polled_at IS NOT NULL
                   AND now() < previous.last_polled_at + make_interval(secs => previous.interval_seconds)
                  THEN d.interval_seconds + 5 ELSE d.interval_seconds END
           FROM previous
          WHERE d.id = previous.id
          RETURNING d.id, d.status, d.consumed_at IS NOT NULL AS consumed, d.expires_at <= now() AS expired,
                    d.interval_seconds > previous.interval_seconds AS slowed, d.interval_seconds, d.scopes`,
        [deviceCodeHash, clientId],
      ),
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      status: row.status,
      consumed: row.consumed,
      expired: row.expired,
      slowedDown: row.slowed,
      intervalSeconds: Number(row.interval_seconds),
      scopes: row.scopes,
    };
  }

  /** Takes an approved authorization for redemption; only one caller ever gets it. */
  async consume(id: string, clientId: string, manager?: EntityManager): Promise<ConsumedAuthorization | undefined> {
    const rows = rowsOf<{ id: string; client_id: string; user_id: string; session_id: string | null; auth_time: Date | null; acr: string | null; amr: string[] | null; scopes: string[] }>(
      await (manager ?? this.dataSource).query(
        `UPDATE device_authorizations SET consumed_at = now()
          WHERE id = $1 AND client_id = $2 AND consumed_at IS NULL AND status = 'approved' AND expires_at > now()
          RETURNING id, client_id, user_id, session_id, auth_time, acr, amr, scopes`,
        [id, clientId],
      ),
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      clientId: row.client_id,
      userId: row.user_id,
      sessionId: row.session_id,
      authTime: row.auth_time ? new Date(row.auth_time) : null,
      acr: row.acr,
      amr: row.amr,
      scopes: row.scopes,
    };
  }

  /**
   * An authorization just taken for redemption whose person may no longer use the client: it stays spent,
   * and its later polls answer access_denied rather than "already redeemed".
   */
  async markDenied(id: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE device_authorizations SET status = 'denied' WHERE id = $1`, [id]);
  }

  /**
   * Denies the group's approved authorizations the device has not redeemed yet: its next poll gets
   * access_denied. A redemption in flight is waited for, as for codes.
   */
  async withdrawApproved(group: TokenGroup, manager: EntityManager): Promise<void> {
    const { where, params } = tokenGroupFilter(group);
    await manager.query(
      `UPDATE device_authorizations SET status = 'denied', decided_at = now() WHERE ${where} AND status = 'approved' AND consumed_at IS NULL`,
      params,
    );
  }

  /** Pending, unexpired authorizations, oldest first, by keyset pagination. */
  async listPending(limit: number, after?: { createdAt: string; id: string }): Promise<PendingPage> {
    const query = this.repository
      .createQueryBuilder('d')
      .where(`d.status = 'pending' AND d.consumed_at IS NULL AND d.expires_at > now()`);
    return pages.readPage(query, limit, after && { time: after.createdAt, id: after.id });
  }

  /** Denies a pending authorization on an administrator's request. */
  async denyPending(id: string): Promise<DeviceAuthorizationEntity | 'not_found' | 'not_pending'> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE device_authorizations SET status = 'denied', decided_at = now()
          WHERE id = $1 AND status = 'pending' AND consumed_at IS NULL RETURNING id`,
        [id],
      ),
    );
    const found = await this.repository.findOneBy({ id });
    if (!found) return 'not_found';
    return rows[0] ? found : 'not_pending';
  }
}

export function decodePendingCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const position = pages.decode(cursor);
  return position && { createdAt: position.time, id: position.id };
}
