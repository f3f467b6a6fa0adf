import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Metrics } from '@app/core';

/** Failed attempts one client IP may make per window, whatever names it tries. */
export const IP_ATTEMPT_LIMIT = 100;
export const IP_WINDOW_SECONDS = 15 * 60;

/** A locked account name: until when, and how many whole seconds that is from the database's now. */
export interface AccountLock {
  until: Date;
  secondsLeft: number;
}

/** The answer to one attempt: may its password be checked, and if the name is locked, until when. */
export interface LoginReservation {
  allowed: boolean;
  lock?: AccountLock;
}

interface CounterRow {
  key: string;
  failures: number;
  locked_until: Date | string | null;
  seconds_left: number | string | null;
}

/**
 * Login throttling per account name and per client IP, counted in PostgreSQL so every instance shares it.
 * Each attempt is counted *before* the password is checked, in one atomic upsert, so a burst of parallel
 * guesses cannot all slip past the limit; a success then gives its slot back (and clears the account).
 *
 * Lockout: failures of one name are counted from the first one for LOGIN_LOCKOUT_S. The attempt that brings
 * the count to LOGIN_MAX_FAILURES fixes `locked_until` = its own time + LOGIN_LOCKOUT_S (if it then
 * succeeds, the row is cleared and nothing stays locked); every later attempt before that moment is refused
 * unchecked, even with the right password. The first attempt after it starts a fresh count.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Counts one attempt; not allowed when the account name is locked or the IP is over its limit. */
  async reserve(username: string, ip: string): Promise<LoginReservation> {
    const max = this.config.loginMaxFailures;
    // A row starts afresh when its lock is over, or (never locked) when its counting window has passed.
    const fresh = `CASE WHEN a.locked_until IS NOT NULL THEN a.locked_until <= now()
      ELSE a.window_start < now() - make_interval(secs => CASE WHEN a.key = $1::text THEN $4::int ELSE $5::int END) END`;
    const failures = `CASE WHEN ${fresh} THEN 1 ELSE a.failures + 1 END`;
    // Both counters in one statement: one round trip, and rows always locked in the same order (account,
    // then IP), so concurrent sign-ins cannot deadlock on each other.
    const rows: CounterRow[] = await this.dataSource.query(
      `INSERT INTO login_attempts AS a (key, failures, window_start, locked_until)
       VALUES ($1::text, 1, now(), CASE WHEN $3::int <= 1 THEN now() + make_interval(secs => $4::int) END), ($2::text, 1, now(), NULL)
       ON CONFLICT (key) DO UPDATE SET
         failures = ${failures},
         window_start = CASE WHEN ${fresh} THEN now() ELSE a.window_start END,
         locked_until = CASE
           WHEN a.key <> $1::text OR ${failures} < $3::int THEN NULL
           WHEN NOT (${fresh}) AND a.locked_until IS NOT NULL THEN a.locked_until
           ELSE now() + make_interval(secs => $4::int) END
       RETURNING key, failures, locked_until, ceil(extract(epoch FROM locked_until - now())) AS seconds_left`,
      [accountKey(username), ipKey(ip), max, this.config.loginLockoutSeconds, IP_WINDOW_SECONDS],
    );
    const account = rows.find((row) => row.key === accountKey(username));
    const byIp = rows.find((row) => row.key === ipKey(ip));
    const accountFailures = Number(account?.failures ?? Infinity);
    const allowed = accountFailures <= max && Number(byIp?.failures ?? Infinity) <= IP_ATTEMPT_LIMIT;
    const lock = accountFailures > max ? lockOf(account) : undefined;
    // Counted when the attempt reaching the limit fixes the lock; later attempts are refused under it and
    // are not new lockouts. (Should that very attempt succeed, the lock is lifted at once: rare, and counted.)
    if (accountFailures === max) this.metrics.lockout();
    return lock ? { allowed, lock } : { allowed };
  }

  /** After a successful sign-in: the account starts afresh and the IP gets its slot back. */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.dataSource.query(
      `WITH cleared AS (DELETE FROM login_attempts WHERE key = $1)
       UPDATE login_attempts SET failures = greatest(failures - 1, 0) WHERE key = $2`,
      [accountKey(username), ipKey(ip)],
    );
  }

  /** An administrator unlocks the account: its failed attempts and its lock are forgotten (the IP's count stays). */
  async unlock(username: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempts WHERE key = $1`, [accountKey(username)]);
  }

  /** Until when the account name is locked; undefined when it is not. */
  async lockedUntil(username: string): Promise<Date | undefined> {
    const rows: Array<{ locked_until: Date | string }> = await this.dataSource.query(
      `SELECT locked_until FROM login_attempts WHERE key = $1 AND locked_until > now()`,
      [accountKey(username)],
    );
    return rows.length > 0 ? new Date(rows[0].locked_until) : undefined;
  }

  /** The names among these that are locked now (in lower case), with until when: for a page of people. */
  async lockedUntilOf(usernames: readonly string[]): Promise<Map<string, Date>> {
    if (usernames.length === 0) return new Map();
    const rows: Array<{ key: string; locked_until: Date | string }> = await this.dataSource.query(
      `SELECT key, locked_until FROM login_attempts WHERE key = ANY($1::text[]) AND locked_until > now()`,
      [usernames.map(accountKey)],
    );
    return new Map(rows.map((row) => [row.key.slice('account:'.length), new Date(row.locked_until)]));
  }

  /** The attempt was refused before its password was checked (no capacity): it does not count. */
  async release(username: string, ip: string): Promise<void> {
    // One row per statement: no statement here holds a lock while waiting for another. An attempt that had
    // started the lock and is given back ends the lock too: the limit was not reached after all.
    for (const key of [accountKey(username), ipKey(ip)]) {
      await this.dataSource.query(
        `UPDATE login_attempts SET failures = greatest(failures - 1, 0),
           locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END
         WHERE key = $1`,
        [key, this.config.loginMaxFailures],
      );
    }
  }
}

function lockOf(row: CounterRow | undefined): AccountLock | undefined {
  if (!row?.locked_until) return undefined;
  return { until: new Date(row.locked_until), secondsLeft: Math.max(1, Number(row.seconds_left)) };
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
