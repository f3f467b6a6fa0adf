import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_LOGGER, AppLogger } from '../logging/app-logger';

type Handler = (payload: string) => void;

const RECONNECT_DELAY_MS = 1000;
const CHANNEL_NAME = /^[a-z_]{1,60}$/;

/**
 * Tells every instance sharing the database that something changed (a client, a key), so in-memory caches
 * drop it at once. PostgreSQL LISTEN/NOTIFY carries it between instances; the embedded database serves a
 * single process, so there it is delivered locally only. While the listening connection is down, handlers
 * are told to forget everything (`onReset`), and caches fall back to their short lifetimes.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly resetHandlers = new Set<() => void>();
  private readonly listenHandlers = new Set<() => void>();
  private listener: Client | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  subscribe(channel: string, handler: Handler): void {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`Invalid channel name ${channel}`);
    if (!this.handlers.has(channel)) this.handlers.set(channel, new Set());
    this.handlers.get(channel)!.add(handler);
  }

  onReset(handler: () => void): void {
    this.resetHandlers.add(handler);
  }

  /**
   * Called each time the listening connection is (again) listening on every channel: from then on no
   * notification is missed, so a cache may load what was committed before and stay current.
   */
  onListen(handler: () => void): void {
    this.listenHandlers.add(handler);
  }

  /** Delivers locally at once, and to the other instances through the database. */
  async publish(channel: string, payload: string): Promise<void> {
    this.dispatch(channel, payload);
    if (this.config.databaseUrl) await this.dataSource.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.databaseUrl) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('notification', (message: Notification) => this.dispatch(message.channel, message.payload ?? ''));
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
      this.listener = client;
      for (const listening of this.listenHandlers) listening();
    } catch (error) {
      this.logger.warn({ err: error }, 'change feed could not listen; retrying');
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.stopped || this.reconnectTimer) return;
    if (this.listener === client) this.listener = undefined;
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    for (const reset of this.resetHandlers) reset();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.listen();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }

  private dispatch(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }
}
