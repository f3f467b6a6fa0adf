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
    const account = await this.increment(accountKey(username));
    const address = await this.increment(ipKey(ip));
    return account <= ACCOUNT_ATTEMPT_LIMIT && address <= IP_ATTEMPT_LIMIT;
  }

  /** After a successful sign-in: the account starts afresh and the IP gets its slot back. */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempts WHERE key = $1`, [accountKey(username)]);
    await this.dataSource.query(`UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE key = $1`, [ipKey(ip)]);
  }

  private async increment(key: string): Promise<number> {
    const rows: Array<{ failures: number }> = await this.dataSource.query(
      `INSERT INTO login_attempts AS a (key, failures, window_start) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_start < now() - make_interval(secs => $2) THEN 1 ELSE a.failures + 1 END,
         window_start = CASE WHEN a.window_start < now() - make_interval(secs => $2) THEN now() ELSE a.window_start END
       RETURNING failures`,
      [key, ATTEMPT_WINDOW_SECONDS],
    );
    return Number(rows[0].failures);
  }
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
