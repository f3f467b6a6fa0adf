import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rowsOf, sha256 } from '@app/core';

export const RECOVERY_CODE_COUNT = 10;
/** Letters and digits that cannot be mistaken for one another when copied from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

/**
 * Ten one-time codes for when no factor is at hand. Each is 10 characters from a 31-letter alphabet
 * (about 49 bits), so a SHA-256 hash is enough to store it; redeeming marks it used in one statement.
 */
@Injectable()
export class RecoveryCodeService {
  constructor(private readonly dataSource: DataSource) {}

  /** New codes replacing every earlier one; shown once, stored hashed. */
  async regenerate(userId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM recovery_codes WHERE user_id = $1`, [userId]);
      for (const code of codes) {
        await manager.query(`INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)`, [userId, hashOf(code)]);
      }
    });
    return codes;
  }

  /** True when `code` was one of the person's unused codes; it is used up now. */
  async redeem(userId: string, code: string): Promise<boolean> {
    const normalized = normalize(code);
    if (normalized.length !== LENGTH) return false;
    const result = await this.dataSource.query(
      `UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING code_hash`,
      [userId, sha256(normalized)],
    );
    return rowsOf(result).length > 0;
  }

  async remaining(userId: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.dataSource.query(
      `SELECT count(*) AS count FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  async removeAll(userId: string): Promise<number> {
    const result = await this.dataSource.query(`DELETE FROM recovery_codes WHERE user_id = $1 RETURNING code_hash`, [userId]);
    return rowsOf(result).length;
  }
}

function newCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Codes are accepted with or without the dash, in any case, with spaces around. */
function normalize(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}

const hashOf = (code: string) => sha256(normalize(code));
