import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomToken, rowsOf, sha256 } from '@app/core';

/** Links a person may ask for in an hour: enough for a lost mail, too few to flood an inbox. */
export const VERIFICATION_LINKS_PER_HOUR = 3;

/** Verification links, stored as SHA-256 only; each verifies the address it was sent to, once. */
@Injectable()
export class EmailVerificationTokens {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A new link's token for the person's current address, or undefined when they already asked for
   * VERIFICATION_LINKS_PER_HOUR links in the last hour. One statement, so two requests at once cannot
   * both slip under the limit unnoticed by more than the one row each.
   */
  async issue(userId: string, email: string, ttlSeconds: number): Promise<string | undefined> {
    const token = randomToken(32);
    const rows = rowsOf<{ token_hash: string }>(await this.dataSource.query(
      `INSERT INTO email_verification_tokens (token_hash, user_id, email, expires_at)
       SELECT $1, $2, $3, now() + make_interval(secs => $4::int)
        WHERE (SELECT count(*) FROM email_verification_tokens WHERE user_id = $2 AND created_at > now() - interval '1 hour') < $5
       RETURNING token_hash`,
      [sha256(token), userId, email, ttlSeconds, VERIFICATION_LINKS_PER_HOUR],
    ));
    return rows.length > 0 ? token : undefined;
  }

  /**
   * Uses the link and marks the address verified, in one statement: only when the link is unused and
   * unexpired and the person's address is still the one it was sent to. The person's id, or undefined.
   */
  async confirm(token: string): Promise<string | undefined> {
    const rows = rowsOf<{ id: string }>(await this.dataSource.query(
      `WITH used AS (
         UPDATE email_verification_tokens SET used_at = now()
          WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
          RETURNING user_id, email)
       UPDATE users person SET email_verified = true, updated_at = now()
         FROM used WHERE person.id = used.user_id AND lower(person.email) = lower(used.email)
       RETURNING person.id`,
      [sha256(token)],
    ));
    return rows[0]?.id;
  }
}
