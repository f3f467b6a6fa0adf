import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sha256 } from '@app/core';

/** Reset mails one address may be sent, and reset requests one IP may make, per window. */
export const RESET_ADDRESS_LIMIT = 3;
export const RESET_IP_LIMIT = 10;
export const RESET_WINDOW_SECONDS = 3600;

/**
 * Counts reset requests per address and per client IP in the shared login_attempts table (keys
 * `reset-address:<sha256>`, `reset-ip:<ip>`), so the limit holds across instances. Every request counts,
 * for an address known or not: the limit itself must not tell which addresses have accounts. The address
 * is kept only as a hash: the table is not a list of who asked.
 */
@Injectable()
export class PasswordResetThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one request against both keys in one statement; false when either is over its limit. */
  async reserve(email: string, ip: string): Promise<boolean> {
    const rows: Array<{ key: string; failures: number }> = await this.dataSource.query(
      `INSERT INTO login_attempts AS a (key, failures, window_start) VALUES ($1, 1, now()), ($2, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN a.window_start < now() - make_interval(secs => $3) THEN 1 ELSE a.failures + 1 END,
         window_start = CASE WHEN a.window_start < now() - make_interval(secs => $3) THEN now() ELSE a.window_start END
       RETURNING key, failures`,
      [addressKey(email), ipKey(ip), RESET_WINDOW_SECONDS],
    );
    const count = (key: string) => Number(rows.find((row) => row.key === key)?.failures ?? Infinity);
    return count(addressKey(email)) <= RESET_ADDRESS_LIMIT && count(ipKey(ip)) <= RESET_IP_LIMIT;
  }
}

const addressKey = (email: string) => `reset-address:${sha256(email.trim().toLowerCase())}`;
const ipKey = (ip: string) => `reset-ip:${ip}`;
