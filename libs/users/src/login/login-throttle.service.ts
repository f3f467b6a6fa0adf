import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Failed attempts allowed per window before further attempts are refused. */
export const ACCOUNT_ATTEMPT_LIMIT = 5;
export const IP_ATTEMPT_LIMIT = 100;
export const ATTEMPT_WINDOW_SECONDS = 15 * 60;

/**
 * Login throttling per account and per client IP, counted in PostgreSQL so every instance shares it.
 * Each attempt is counted *before* the password is checked, in one atomic upsert, so a burst of parallel
 * guesses cannot all slip past the limit; a success then gives its slot back (and clears the account).
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one attempt; false when the account or the IP is over its limit. */
  async reserve(username: string, ip: string): Promise<boolean> {
    // Both counters in one statement: one round trip, and rows always locked in the same order (account,
    // then IP), so concurrent sign-ins cannot deadlock on each other.
    const rows: Array<{ key: string; failures: number }> = await this.dataSource.query(
      `INSERT INTO login_attempts AS a (key, failures, window_start) VALUES ($1, 1, now()), ($2, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_start < now() - make_interval(secs => $3) THEN 1 ELSE a.failures + 1 END,
         window_start = CASE WHEN a.window_start < now() - make_interval(secs => $3) THEN now() ELSE a.window_start END
       RETURNING key, failures`,
      [accountKey(username), ipKey(ip), ATTEMPT_WINDOW_SECONDS],
    );
    const count = (key: string) => Number(rows.find((row) => row.key === key)?.failures ?? Infinity);
    return count(accountKey(username)) <= ACCOUNT_ATTEMPT_LIMIT && count(ipKey(ip)) <= IP_ATTEMPT_LIMIT;
  }

  /** After a successful sign-in: the account starts afresh and the IP gets its slot back. */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.dataSource.query(
      `WITH cleared AS (DELETE FROM login_attempts WHERE key = $1)
       UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE key = $2`,
      [accountKey(username), ipKey(ip)],
    );
  }

  /** An administrator unlocks the account: its failed attempts are forgotten (the IP's count stays). */
  async unlock(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempts WHERE key = $1`, [accountKey(username)]);
  }

  /** The attempt was refused before its password was checked (no capacity): it does not count. */
  async release(username: string, ip: string): Promise<void> {
    // One row per statement: no statement here holds a lock while waiting for another.
    for (const key of [accountKey(username), ipKey(ip)]) {
      await this.dataSource.query(`UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE key = $1`, [key]);
    }
  }
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
