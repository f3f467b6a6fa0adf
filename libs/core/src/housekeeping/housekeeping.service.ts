import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_LOGGER, AppLogger } from '../logging/app-logger';
import { HousekeepingSweep, HousekeepingSweeps } from './housekeeping-sweeps';
import { PurgeTask } from './purge-task';

export const PURGE_TASKS = Symbol('PURGE_TASKS');

const BATCH_SIZE = 1000;
/** Sweeps do more per row (listeners run in each batch's transaction): smaller batches keep those short. */
const SWEEP_BATCH_SIZE = 100;
const FIRST_RUN_DELAY_MS = 60_000;
const INTERVAL_MS = 10 * 60_000;
/** Only one instance purges at a time; the others skip the round. */
const PURGE_LOCK_KEY = 7_274_012;

/**
 * Ends what expired (sessions, through the sweeps libs register), then deletes expired codes, tokens,
 * sessions and counters in small batches, each its own short statement, so no long lock blocks the
 * request path.
 */
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PURGE_TASKS) private readonly tasks: PurgeTask[],
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly sweeps: HousekeepingSweeps,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const schedule = (delay: number) => {
      this.timer = setTimeout(() => {
        void this.runOnce()
          .catch((error: unknown) => this.logger.warn({ err: error }, 'housekeeping failed'))
          .finally(() => schedule(INTERVAL_MS));
      }, delay);
      this.timer.unref();
    };
    schedule(FIRST_RUN_DELAY_MS);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.timer);
  }

  /** One round; returns rows deleted per table, and rows handled per sweep under `sweep:<name>`. */
  async runOnce(): Promise<Record<string, number>> {
    if (this.running) return {};
    this.running = true;
    try {
      // Sweeps first, so a purge never drops an expired session nobody was told had ended. They run
      // outside the purge lock, in transactions of their own, every instance taking its share (each
      // sweep skips rows another holds).
      const done: Record<string, number> = {};
      for (const sweep of this.sweeps.all()) done[`sweep:${sweep.name}`] = await this.sweep(sweep);
      Object.assign(done, await this.purgeAll());
      const total = Object.values(done).reduce((sum, count) => sum + count, 0);
      if (total > 0) this.logger.info({ deleted: done }, 'housekeeping purged expired rows');
      return done;
    } finally {
      this.running = false;
    }
  }

  /**
   * Every purge task, by the one instance that holds the purge lock; nothing when another holds it. The
   * embedded database has one process (its folder is locked) and one connection, which a held lock would
   * keep from every request for the whole purge: there no lock is taken.
   */
  private async purgeAll(): Promise<Record<string, number>> {
    if (!this.config.databaseUrl) return this.purgeTasks();
    const lock = this.dataSource.createQueryRunner();
    try {
      await lock.connect();
      const [{ locked }] = (await lock.query('SELECT pg_try_advisory_lock($1) AS locked', [PURGE_LOCK_KEY])) as Array<{ locked: boolean }>;
      if (!locked) return {};
      try {
        return await this.purgeTasks();
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [PURGE_LOCK_KEY]);
      }
    } finally {
      await lock.release();
    }
  }

  private async purgeTasks(): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const task of this.tasks) deleted[task.table] = await this.purge(task);
    return deleted;
  }

  private async sweep(sweep: HousekeepingSweep): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await sweep.sweep(SWEEP_BATCH_SIZE);
      total += handled;
      if (handled < SWEEP_BATCH_SIZE) return total;
    }
  }

  /**
   * Batch after batch, each its own statement on a connection taken for it alone and given back at once,
   * so requests waiting for a connection (on the embedded database, all of them) go between two batches.
   */
  private async purge(task: PurgeTask): Promise<number> {
    let total = 0;
    for (;;) {
      const runner = this.dataSource.createQueryRunner();
      let affected: number;
      try {
        const result = await runner.query(
          `WITH doomed AS (SELECT ctid FROM ${task.table} WHERE ${task.where} LIMIT ${BATCH_SIZE})
           DELETE FROM ${task.table} WHERE ctid IN (SELECT ctid FROM doomed)`,
          [],
          true,
        );
        affected = result.affected ?? 0;
      } finally {
        await runner.release();
      }
      total += affected;
      if (affected < BATCH_SIZE) return total;
    }
  }
}
