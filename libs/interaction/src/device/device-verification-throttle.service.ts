import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Wrong user codes allowed per IP and per SSO session in one window (RFC 8628 §5.1 brute forcing). */
export const USER_CODE_FAILURE_LIMIT = 10;
export const USER_CODE_WINDOW_SECONDS = 15 * 60;

export interface ThrottleKeys {
  ip: string;
  sessionId: string;
}

/**
 * Counts user-code lookups in PostgreSQL, shared by every instance. Each lookup reserves a slot *before*
 * the code is checked, in one atomic upsert, so a parallel burst cannot slip past the limit; a lookup that
 * finds a code gives its slot back, so only wrong codes count.
 */
@Injectable()
export class DeviceVerificationThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one attempt against both keys in one statement; false when either is over its limit. Every
   * statement locks the IP row before the session row, so concurrent attempts are counted in one order.
   */
  async reserve(keys: ThrottleKeys): Promise<boolean> {
    const rows: Array<{ failures: number }> = await this.dataSource.query(
      `INSERT INTO device_verification_failures AS f (key, failures, window_start) VALUES ($1, 1, now()), ($2, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_start < now() - make_interval(secs => $3) THEN 1 ELSE f.failures + 1 END,
         window_start = CASE WHEN f.window_start < now() - make_interval(secs => $3) THEN now() ELSE f.window_start END
       RETURNING failures`,
      [ipKey(keys.ip), sessionKey(keys.sessionId), USER_CODE_WINDOW_SECONDS],
    );
    return rows.every((row) => Number(row.failures) <= USER_CODE_FAILURE_LIMIT);
  }

  /** The attempt found a code: it does not count as a failure. */
  async release(keys: ThrottleKeys): Promise<void> {
    await this.dataSource.query(
      `UPDATE device_verification_failures SET failures = greatest(failures - 1, 0) WHERE key = ANY($1)`,
      [[ipKey(keys.ip), sessionKey(keys.sessionId)]],
    );
  }
}

const ipKey = (ip: string) => `ip:${ip}`;
const sessionKey = (sessionId: string) => `session:${sessionId}`;
