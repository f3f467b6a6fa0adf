import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Wrong codes allowed per person and window: a 6-digit code must not be guessable by trying. */
export const SECOND_FACTOR_ATTEMPT_LIMIT = 5;
export const SECOND_FACTOR_WINDOW_SECONDS = 15 * 60;

/**
 * Counts second-factor attempts per person in the shared login_attempts table (key `factor:<id>`), each
 * counted before the code is checked, in one upsert, so parallel guesses cannot slip past the limit.
 */
@Injectable()
export class SecondFactorThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one attempt; false when the person is over the limit. */
  async reserve(userId: string): Promise<boolean> {
    const rows: Array<{ failures: number }> = await this.dataSource.query(
      `INSERT INTO login_attempts AS a (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_start < now() - make_interval(secs => $2) THEN 1 ELSE a.failures + 1 END,
         window_start = CASE WHEN a.window_start < now() - make_interval(secs => $2) THEN now() ELSE a.window_start END
       RETURNING failures`,
      [keyOf(userId), SECOND_FACTOR_WINDOW_SECONDS],
    );
    return Number(rows[0]?.failures ?? Infinity) <= SECOND_FACTOR_ATTEMPT_LIMIT;
  }

  /** A correct code: the person starts afresh. */
  async succeeded(userId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempts WHERE key = $1`, [keyOf(userId)]);
  }
}

const keyOf = (userId: string) => `factor:${userId}`;
