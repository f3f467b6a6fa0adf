import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sha256 } from '@app/core';

/** How long a person has at the upstream before the attempt is void. */
export const ATTEMPT_LIFETIME_SECONDS = 600;

export interface UpstreamAttempt {
  providerId: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** The pending sign-ins sent to upstream OpenID Providers; each can be completed once, by its own browser. */
@Injectable()
export class UpstreamAttemptRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(state: string, browserHash: string, attempt: UpstreamAttempt): Promise<void> {
    // Expired rows go first: nothing else reads them, and this keeps the table small without a job.
    await this.dataSource.query(`DELETE FROM upstream_attempts WHERE expires_at < now() - interval '1 hour'`);
    await this.dataSource.query(
      `INSERT INTO upstream_attempts (state_hash, provider_id, browser_hash, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
      [sha256(state), attempt.providerId, browserHash, attempt.nonce, attempt.codeVerifier, attempt.returnTo, ATTEMPT_LIFETIME_SECONDS],
    );
  }

  /**
   * The live attempt with this state, started by this browser for this provider, marked used in the same
   * statement: of two callbacks carrying one state, only one gets it.
   */
  async consume(state: string, browserHash: string, providerId: string): Promise<UpstreamAttempt | undefined> {
    const [rows]: [Array<{ provider_id: string; nonce: string; code_verifier: string; return_to: string }>, number] = await this.dataSource.query(
      `UPDATE upstream_attempts SET used_at = now()
       WHERE state_hash = $1 AND browser_hash = $2 AND provider_id = $3 AND used_at IS NULL AND expires_at > now()
       RETURNING provider_id, nonce, code_verifier, return_to`,
      [sha256(state), browserHash, providerId],
    );
    const row = rows[0];
    return row && { providerId: row.provider_id, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to };
  }
}
