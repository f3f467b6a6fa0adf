import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomToken, rowsOf, sha256 } from '@app/core';

/** A link's token that is still usable: whose it is and where the person was going. */
export interface ResetTokenOwner {
  userId: string;
  username: string;
  returnTo: string | null;
}

/**
 * Password reset tokens, stored as SHA-256 only: a lookup by the hash's equality reveals nothing a
 * comparison could leak, and the table alone is no key to anyone's account. A token is usable while it is
 * unused, unexpired, and the person's password is the one it was issued against (see the migration).
 */
@Injectable()
export class PasswordResetTokens {
  constructor(private readonly dataSource: DataSource) {}

  /** A new token for the person, valid `ttlSeconds`; the plain token is returned once, for the mail. */
  async issue(userId: string, returnTo: string | null, ttlSeconds: number): Promise<string> {
    const token = randomToken(32);
    await this.dataSource.query(
      `INSERT INTO password_reset_tokens (token_hash, user_id, password_fingerprint, return_to, expires_at)
       SELECT $1, u.id, encode(sha256(convert_to(u.password_hash, 'UTF8')), 'hex'), $3, now() + make_interval(secs => $4::int)
       FROM users u WHERE u.id = $2`,
      [sha256(token), userId, returnTo, ttlSeconds],
    );
    return token;
  }

  /** The owner while the token is usable, without using it: for showing the new-password form. */
  async peek(token: string): Promise<ResetTokenOwner | undefined> {
    const rows: OwnerRow[] = await this.dataSource.query(
      `SELECT t.user_id, u.username, t.return_to FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
       WHERE ${USABLE}`,
      [sha256(token)],
    );
    return ownerOf(rows[0]);
  }

  /**
   * Uses the token, in one statement: of two concurrent uses only one finds it unused. Every other token
   * of the person is used up with it, so one reset leaves no second link alive.
   */
  async consume(token: string): Promise<ResetTokenOwner | undefined> {
    const rows = rowsOf<OwnerRow>(
      await this.dataSource.query(
        `UPDATE password_reset_tokens t SET used_at = now() FROM users u
         WHERE ${USABLE}
         RETURNING t.user_id, u.username, t.return_to`,
        [sha256(token)],
      ),
    );
    const owner = ownerOf(rows[0]);
    if (owner) await this.revokeAllOf(owner.userId);
    return owner;
  }

  /** Every unused token of the person ends (after a reset, or when the person is locked out of resets). */
  async revokeAllOf(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }
}

/** `$1` is the token's hash; `t` the token row and `u` its person, who must still be enabled. */
const USABLE = `t.token_hash = $1 AND u.id = t.user_id AND t.used_at IS NULL AND t.expires_at > now() AND NOT u.disabled
  AND t.password_fingerprint = encode(sha256(convert_to(u.password_hash, 'UTF8')), 'hex')`;

interface OwnerRow {
  user_id: string;
  username: string;
  return_to: string | null;
}

function ownerOf(row: OwnerRow | undefined): ResetTokenOwner | undefined {
  return row ? { userId: row.user_id, username: row.username, returnTo: row.return_to } : undefined;
}
