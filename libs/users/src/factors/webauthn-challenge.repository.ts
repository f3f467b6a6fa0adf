import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomToken, rowsOf, sha256 } from '@app/core';

/** What a challenge was made for: a passwordless sign-in, a second factor, or adding a passkey. */
export type ChallengePurpose = 'signin' | 'second-factor' | 'register';

const TTL_SECONDS = 5 * 60;

/**
 * WebAuthn challenges kept on the server (W3C WebAuthn §13.4.3: a challenge is used once). The browser
 * holds a random handle; the row is found by its hash and deleted in the statement that reads it.
 */
@Injectable()
export class WebAuthnChallengeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(purpose: ChallengePurpose, challenge: string, userId: string | null): Promise<string> {
    const handle = randomToken(24);
    await this.dataSource.query(
      `INSERT INTO webauthn_challenges (handle_hash, purpose, user_id, challenge, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [sha256(handle), purpose, userId, challenge, TTL_SECONDS],
    );
    return handle;
  }

  /** The challenge of `handle` for `purpose` (and `userId` when it was made for one), at most once. */
  async consume(handle: string, purpose: ChallengePurpose, userId: string | null): Promise<string | undefined> {
    if (!handle) return undefined;
    const result = await this.dataSource.query(
      `DELETE FROM webauthn_challenges WHERE handle_hash = $1 RETURNING purpose, user_id, challenge, expires_at > now() AS live`,
      [sha256(handle)],
    );
    const [row] = rowsOf<{ purpose: string; user_id: string | null; challenge: string; live: boolean }>(result);
    if (!row || !row.live || row.purpose !== purpose || row.user_id !== userId) return undefined;
    return row.challenge;
  }
}
