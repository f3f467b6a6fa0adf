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

  /** Counts one attempt; false when the IP or the session is over its limit. */
  async reserve(keys: ThrottleKeys): Promise<boolean> {
    const address = await this.increment(ipKey(keys.ip));
    const session = await this.increment(sessionKey(keys.sessionId));
    return address <= USER_CODE_FAILURE_LIMIT && session <= USER_CODE_FAILURE_LIMIT;
  }

  /** The attempt found a code: it does not count as a failure. */
  async release(keys: ThrottleKeys): Promise<void> {
    await this.dataSource.query(
      `UPDATE device_verification_failures SET failures = greatest(failures - 1, 0) WHERE key = ANY($1)`,
      [[ipKey(keys.ip), sessionKey(keys.sessionId)]],
    );
  }

  private async increment(key: string): Promise<number> {
    const rows: Array<{ failures: number }> = await this.dataSource.query(
      `INSERT INTO device_verification_failures AS f (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.window_start < now() - make_interval(secs => $2) THEN 1 ELSE f.failures + 1 END,
         window_start = CASE WHEN f.window_start < now() - make_interval(secs => $2) THEN now() ELSE f.window_start END
       RETURNING failures`,
      [key, USER_CODE_WINDOW_SECONDS],
    );
    return Number(rows[0].failures);
  }
}

const ipKey = (ip: string) => `ip:${ip}`;
const sessionKey = (sessionId: string) => `session:${sessionId}`;
