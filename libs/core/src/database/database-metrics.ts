import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { Metrics, QueryOperation } from '../observability/metrics.service';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Statement latency by kind, and the connection pool read at scrape time. On the embedded database the
 * pool holds its one connection, so `waiting` is the queue of callers taking their turn.
 */
@Injectable()
export class DatabaseMetrics implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    const metrics = this.metrics;
    const subscriber: EntitySubscriberInterface = {
      // TypeORM measures each statement itself (whole milliseconds); the text is classified, never kept.
      afterQuery(event: AfterQueryEvent) {
        if (event.executionTime !== undefined) metrics.dbQuery(operationOf(event.query), event.executionTime / 1000);
      },
    };
    this.dataSource.subscribers.push(subscriber);
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (!pool) return;
    this.metrics.gaugeOnScrape('meridian_db_pool_connections', 'Database pool connections, by state (total, idle, waiting callers)', ['state'], () => [
      { labels: { state: 'total' }, value: pool.totalCount },
      { labels: { state: 'idle' }, value: pool.idleCount },
      { labels: { state: 'waiting' }, value: pool.waitingCount },
    ]);
  }
}

const OPERATIONS: Record<string, QueryOperation> = {
  SELECT: 'select',
  INSERT: 'insert',
  UPDATE: 'update',
  DELETE: 'delete',
  START: 'transaction',
  BEGIN: 'transaction',
  COMMIT: 'transaction',
  ROLLBACK: 'transaction',
  SAVEPOINT: 'transaction',
  RELEASE: 'transaction',
};

/** The statement's first keyword, mapped to a closed set; anything else (a CTE, SET, DDL) is `other`. */
export function operationOf(query: string): QueryOperation {
  const keyword = /^\s*([A-Za-z]+)/.exec(query)?.[1]?.toUpperCase();
  return (keyword && OPERATIONS[keyword]) || 'other';
}
