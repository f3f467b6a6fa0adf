import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, serverSecret } from '@app/core';

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

  /** Loaded once; a failed load is retried by the next caller. */
  private key(): Promise<Buffer> {
    this.secret ??= serverSecret(this.dataSource, SECRET_NAME).catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
    return this.secret;
  }
}
