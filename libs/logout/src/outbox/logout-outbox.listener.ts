import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { EndedSession, SessionEndListener, SessionEndListeners, SessionEndReason } from '@app/users';
import { LogoutDeliveryWorker } from '../delivery/logout-delivery.worker';
import { LogoutDeliveryRepository } from './logout-delivery.repository';

/**
 * Back-Channel Logout 1.0 §2.7: every ended session owes each of its apps a logout token. The rows are
 * written in the transaction that ends the session (so a rollback owes nothing), and the worker is woken
 * once that transaction commits: before then, another connection could not see them.
 */
@Injectable()
export class LogoutOutboxListener implements SessionEndListener, EntitySubscriberInterface, OnModuleInit {
  /** Transactions that added rows and have not committed yet. */
  private readonly awaitingCommit = new WeakSet<QueryRunner>();

  constructor(
    private readonly listeners: SessionEndListeners,
    private readonly deliveries: LogoutDeliveryRepository,
    private readonly worker: LogoutDeliveryWorker,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
    this.dataSource.subscribers.push(this);
  }

  async sessionsEnded(sessions: readonly EndedSession[], reason: SessionEndReason, manager: EntityManager): Promise<void> {
    const added = await this.deliveries.enqueue(sessions, reason, manager);
    if (added === 0) return;
    if (manager.queryRunner?.isTransactionActive) this.awaitingCommit.add(manager.queryRunner);
    else this.worker.nudge();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner || !this.awaitingCommit.has(event.queryRunner)) return;
    // A nested transaction's commit is a savepoint's release: wait for the outermost one.
    if (event.queryRunner.isTransactionActive) return;
    this.awaitingCommit.delete(event.queryRunner);
    this.worker.nudge();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (event.queryRunner && !event.queryRunner.isTransactionActive) this.awaitingCommit.delete(event.queryRunner);
  }
}
