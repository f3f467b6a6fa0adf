import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';

/** A nonce stays valid for its window and the next one, so a client that just got one is not refused at the edge. */
const WINDOW_SECONDS = 300;
const SECRET_NAME = 'dpop_nonce';

/**
 * RFC 9449 §8 server nonces without state per nonce: an HMAC of the time window under a secret in the
 * database, so every instance issues and accepts the same nonces.
 */
@Injectable()
export class DpopNonces {
  private secret?: Promise<Buffer>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async current(): Promise<string> {
    return this.nonceFor(await this.key(), this.window());
  }

  /** The nonces of the current and the previous window. Handed to anyone who asks, so no secret to compare in constant time. */
  async acceptable(): Promise<string[]> {
    const key = await this.key();
    const window = this.window();
    return [this.nonceFor(key, window), this.nonceFor(key, window - 1)];
  }

  private window(): number {
    return Math.floor(this.clock.epochSeconds() / WINDOW_SECONDS);
  }

  private nonceFor(key: Buffer, window: number): string {
    return createHmac('sha256', key).update(`dpop-nonce:${window}`).digest('base64url');
  }

  /** The first instance to need the secret creates it; the others read the one that won. */
  private key(): Promise<Buffer> {
    this.secret ??= (async () => {
      await this.dataSource.query(`INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
        SECRET_NAME,
        randomBytes(32).toString('base64url'),
      ]);
      const rows: Array<{ value: string }> = await this.dataSource.query(`SELECT value FROM server_secrets WHERE name = $1`, [SECRET_NAME]);
      return Buffer.from(rows[0].value, 'base64url');
    })().catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
    return this.secret;
  }
}
