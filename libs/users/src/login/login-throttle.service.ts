import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Metrics } from '@app/core';
import { KeyedTurns } from './keyed-turns';

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
  /** The name and address the attempt is counted under (given back to `settle`). */
  readonly username: string;
  readonly ip: string;
  /** The name had failures recorded when the attempt began: a success clears them. */
  readonly hadFailures: boolean;
}

/** How a checked attempt ended: a success, a failure that counts, or given back unchecked (no capacity). */
export type LoginOutcome = 'succeeded' | 'failed' | 'released';

interface CounterRow {
  key: string;
  failures: number | string;
  locked_until: Date | string | null;
  seconds_left: number | string | null;
}

/**
 * Login throttling per account name and per client IP. Failures are recorded in PostgreSQL, so every
 * instance sees them and a lock holds everywhere; attempts whose password is being checked right now are
 * counted in memory, so a success writes nothing unless it clears earlier failures. An attempt may start
 * while recorded failures plus this instance's checks in flight stay under the limit: a burst of parallel
 * guesses cannot slip past it on one instance (across N instances at most N times the limit can be in
 * flight at once, and every failure still reaches the shared count).
 *
 * Per account name, reading the count and recording a failure take turns, so no attempt can read the
 * count between another's failure being written and that attempt leaving the in-flight count.
 *
 * Lockout: failures of one name are counted from the first one for LOGIN_LOCKOUT_S. The failure that brings
 * the count to LOGIN_MAX_FAILURES fixes `locked_until` = its own time + LOGIN_LOCKOUT_S; every attempt before
 * that moment is refused unchecked, even with the right password. The first attempt after it starts afresh.
 */
@Injectable()
export class LoginThrottle {
  private readonly turns = new KeyedTurns();
  /** Attempts being checked now on this instance, per counter key. */
  private readonly inFlight = new Map<string, number>();
  /** Names with a failure recorded here while other attempts of theirs were in flight: a success clears them. */
  private readonly failedMeanwhile = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** Whether an attempt may be checked now; an allowed one counts as in flight until `settle`. */
  reserve(username: string, ip: string): Promise<LoginReservation> {
    const account = accountKey(username);
    const address = ipKey(ip);
    return this.turns.run(account, async () => {
      // Only rows still counting: a lock that is over, or a window that has passed, reads as no failures.
      const rows: CounterRow[] = await this.dataSource.query(
        `SELECT key,
           CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN locked_until <= now()
                      ELSE window_start < now() - make_interval(secs => CASE WHEN key = $1::text THEN $3::int ELSE $4::int END) END)
                THEN 0 ELSE failures END AS failures,
           CASE WHEN locked_until > now() THEN locked_until END AS locked_until,
           ceil(extract(epoch FROM locked_until - now())) AS seconds_left
         FROM login_attempts WHERE key IN ($1::text, $2::text)`,
        [account, address, this.config.loginLockoutSeconds, IP_WINDOW_SECONDS],
      );
      const accountRow = rows.find((row) => row.key === account);
      const ipRow = rows.find((row) => row.key === address);
      const accountFailures = Number(accountRow?.failures ?? 0);
      const lock = lockOf(accountRow);
      const allowed =
        !lock &&
        accountFailures + this.count(account) < this.config.loginMaxFailures &&
        Number(ipRow?.failures ?? 0) + this.count(address) < IP_ATTEMPT_LIMIT;
      if (allowed) {
        this.adjust(account, 1);
        this.adjust(address, 1);
      }
      const reservation = { allowed, username, ip, hadFailures: accountFailures > 0 };
      return lock ? { ...reservation, lock } : reservation;
    });
  }

  /** Ends an allowed attempt: a failure is recorded (and may lock the name), a success clears the name. */
  async settle(reservation: LoginReservation, outcome: LoginOutcome): Promise<void> {
    if (!reservation.allowed) return;
    const account = accountKey(reservation.username);
    const address = ipKey(reservation.ip);
    await this.turns.run(account, async () => {
      try {
        if (outcome === 'failed') await this.recordFailure(account, address);
        const recorded = reservation.hadFailures || this.failedMeanwhile.has(account);
        if (outcome === 'succeeded' && recorded) await this.dataSource.query(`DELETE FROM login_attempts WHERE key = $1`, [account]);
      } finally {
        this.adjust(account, -1);
        this.adjust(address, -1);
      }
    });
  }

  private async recordFailure(account: string, address: string): Promise<void> {
    const max = this.config.loginMaxFailures;
    // A row starts afresh when its lock is over, or (never locked) when its counting window has passed.
    const fresh = `CASE WHEN a.locked_until IS NOT NULL THEN a.locked_until <= now()
      ELSE a.window_start < now() - make_interval(secs => CASE WHEN a.key = $1::text THEN $4::int ELSE $5::int END) END`;
    const failures = `CASE WHEN ${fresh} THEN 1 ELSE a.failures + 1 END`;
    // Both counters in one statement: one round trip, and rows always locked in the same order (account,
    // then IP), so concurrent failures cannot deadlock on each other.
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
       RETURNING key, failures`,
      [account, address, max, this.config.loginLockoutSeconds, IP_WINDOW_SECONDS],
    );
    this.failedMeanwhile.add(account);
    if (Number(rows.find((row) => row.key === account)?.failures) === max) this.metrics.lockout();
  }

  private count(key: string): number {
    return this.inFlight.get(key) ?? 0;
  }

  private adjust(key: string, by: number): void {
    const next = this.count(key) + by;
    if (next > 0) {
      this.inFlight.set(key, next);
      return;
    }
    this.inFlight.delete(key);
    this.failedMeanwhile.delete(key);
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
}

function lockOf(row: CounterRow | undefined): AccountLock | undefined {
  if (!row?.locked_until) return undefined;
  return { until: new Date(row.locked_until), secondsLeft: Math.max(1, Number(row.seconds_left)) };
}

const accountKey = (username: string) => `account:${username.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;
