import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@app/core';

export type FactorType = 'passkey' | 'totp';

/** A factor as the person and administrators see it (no key material). */
export interface FactorView {
  id: string;
  type: FactorType;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A registered WebAuthn credential, what an assertion is checked against. */
export interface PasskeyRecord extends FactorView {
  userId: string;
  credentialId: string;
  publicKey: Uint8Array;
  signCount: number;
  transports: string[];
  deviceType: string | null;
  backedUp: boolean;
}

export interface TotpRecord extends FactorView {
  userId: string;
  sealedSecret: string;
  confirmed: boolean;
  lastUsedStep: number | null;
}

interface RawFactor {
  id: string;
  user_id: string;
  type: FactorType;
  label: string;
  created_at: Date;
  last_used_at: Date | null;
  credential_id: string | null;
  public_key: Buffer | null;
  sign_count: string | null;
  transports: string[] | null;
  device_type: string | null;
  backed_up: boolean | null;
  totp_secret: string | null;
  confirmed_at: Date | null;
  last_used_step: string | null;
}

const toView = (raw: RawFactor): FactorView => ({
  id: raw.id,
  type: raw.type,
  label: raw.label,
  createdAt: new Date(raw.created_at),
  lastUsedAt: raw.last_used_at ? new Date(raw.last_used_at) : null,
});

const toPasskey = (raw: RawFactor): PasskeyRecord => ({
  ...toView(raw),
  userId: raw.user_id,
  credentialId: raw.credential_id!,
  publicKey: new Uint8Array(raw.public_key!),
  signCount: Number(raw.sign_count),
  transports: raw.transports ?? [],
  deviceType: raw.device_type,
  backedUp: raw.backed_up ?? false,
});

const toTotp = (raw: RawFactor): TotpRecord => ({
  ...toView(raw),
  userId: raw.user_id,
  sealedSecret: raw.totp_secret!,
  confirmed: raw.confirmed_at !== null,
  lastUsedStep: raw.last_used_step === null ? null : Number(raw.last_used_step),
});


/**
 * The SQL of authentication_factors. A TOTP row counts as a factor only once confirmed; listing and
 * "has a factor" ignore unfinished enrollments.
 */
@Injectable()
export class FactorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listConfirmed(userId: string): Promise<FactorView[]> {
    const rows: RawFactor[] = await this.dataSource.query(
      `SELECT * FROM authentication_factors
        WHERE user_id = $1 AND (type = 'passkey' OR confirmed_at IS NOT NULL) ORDER BY created_at, id`,
      [userId],
    );
    return rows.map(toView);
  }

  async countConfirmedByType(userId: string): Promise<Record<FactorType, number>> {
    const rows: Array<{ type: FactorType; count: string }> = await this.dataSource.query(
      `SELECT type, count(*) AS count FROM authentication_factors
        WHERE user_id = $1 AND (type = 'passkey' OR confirmed_at IS NOT NULL) GROUP BY type`,
      [userId],
    );
    const counts: Record<FactorType, number> = { passkey: 0, totp: 0 };
    for (const row of rows) counts[row.type] = Number(row.count);
    return counts;
  }

  async rename(userId: string, id: string, label: string): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE authentication_factors SET label = $3 WHERE user_id = $1 AND id = $2 RETURNING id`,
      [userId, id, label],
    );
    return rowsOf(result).length > 0;
  }

  async remove(userId: string, id: string): Promise<FactorView | undefined> {
    const result = await this.dataSource.query(`DELETE FROM authentication_factors WHERE user_id = $1 AND id = $2 RETURNING *`, [userId, id]);
    const rows = rowsOf<RawFactor>(result);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  async removeAll(userId: string): Promise<number> {
    const result = await this.dataSource.query(`DELETE FROM authentication_factors WHERE user_id = $1 RETURNING id`, [userId]);
    return rowsOf(result).length;
  }

  // Passkeys

  async addPasskey(input: Omit<PasskeyRecord, 'id' | 'type' | 'createdAt' | 'lastUsedAt'>): Promise<PasskeyRecord> {
    const rows: RawFactor[] = await this.dataSource.query(
      `INSERT INTO authentication_factors (user_id, type, label, credential_id, public_key, sign_count, transports, device_type, backed_up)
       VALUES ($1, 'passkey', $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [input.userId, input.label, input.credentialId, Buffer.from(input.publicKey), input.signCount, input.transports, input.deviceType, input.backedUp],
    );
    return toPasskey(rows[0]);
  }

  async findPasskey(credentialId: string): Promise<PasskeyRecord | undefined> {
    const rows: RawFactor[] = await this.dataSource.query(
      `SELECT * FROM authentication_factors WHERE credential_id = $1 AND type = 'passkey'`,
      [credentialId],
    );
    return rows[0] ? toPasskey(rows[0]) : undefined;
  }

  async passkeysOf(userId: string): Promise<PasskeyRecord[]> {
    const rows: RawFactor[] = await this.dataSource.query(
      `SELECT * FROM authentication_factors WHERE user_id = $1 AND type = 'passkey' ORDER BY created_at`,
      [userId],
    );
    return rows.map(toPasskey);
  }

  /**
   * Records a use with the authenticator's new signature counter, only if the counter moved forward (or
   * the authenticator keeps none, always 0): two assertions with one counter value cannot both pass.
   */
  async recordPasskeyUse(id: string, newCount: number, backedUp: boolean): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE authentication_factors SET sign_count = $2, backed_up = $3, last_used_at = now()
        WHERE id = $1 AND (sign_count < $2 OR ($2 = 0 AND sign_count = 0)) RETURNING id`,
      [id, newCount, backedUp],
    );
    return rowsOf(result).length > 0;
  }

  // TOTP

  async addPendingTotp(userId: string, label: string, sealedSecret: string): Promise<string> {
    // One unfinished enrollment per person: starting again replaces the previous secret.
    await this.dataSource.query(`DELETE FROM authentication_factors WHERE user_id = $1 AND type = 'totp' AND confirmed_at IS NULL`, [userId]);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO authentication_factors (user_id, type, label, totp_secret) VALUES ($1, 'totp', $2, $3) RETURNING id`,
      [userId, label, sealedSecret],
    );
    return rows[0].id;
  }

  async findTotp(userId: string, id: string): Promise<TotpRecord | undefined> {
    const rows: RawFactor[] = await this.dataSource.query(
      `SELECT * FROM authentication_factors WHERE user_id = $1 AND id = $2 AND type = 'totp'`,
      [userId, id],
    );
    return rows[0] ? toTotp(rows[0]) : undefined;
  }

  async confirmedTotpsOf(userId: string): Promise<TotpRecord[]> {
    const rows: RawFactor[] = await this.dataSource.query(
      `SELECT * FROM authentication_factors WHERE user_id = $1 AND type = 'totp' AND confirmed_at IS NOT NULL ORDER BY created_at`,
      [userId],
    );
    return rows.map(toTotp);
  }

  /**
   * Accepts the code of time step `step` once: the step must be later than the last one accepted (RFC 6238
   * §5.2), so a code seen over someone's shoulder cannot be replayed inside its window. Confirms a pending
   * enrollment in the same statement.
   */
  async acceptTotpStep(id: string, step: number, label?: string): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE authentication_factors
          SET last_used_step = $2, last_used_at = now(), confirmed_at = coalesce(confirmed_at, now()), label = coalesce($3, label)
        WHERE id = $1 AND (last_used_step IS NULL OR last_used_step < $2) RETURNING id`,
      [id, step, label ?? null],
    );
    return rowsOf(result).length > 0;
  }
}
