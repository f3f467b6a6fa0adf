import type { DataSource, EntityManager } from 'typeorm';

/** In-memory state that a rolled-back transaction must put back as it was. */
export interface TransactionalState {
  /** Captures the current state; calling the result restores it. */
  snapshot(): () => void;
}

/**
 * Stands in for TypeORM's DataSource in unit specs: `transaction` runs the work and, when it throws,
 * restores every participating fake as a real rollback would. Commits are what the work left behind.
 */
export class FakeDataSource {
  /** The manager handed to transactional work; fakes accept and ignore it. */
  readonly manager = Object.freeze({ fake: 'entity-manager' }) as unknown as EntityManager;

  constructor(private readonly participants: readonly TransactionalState[]) {}

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const restores = this.participants.map((participant) => participant.snapshot());
    try {
      return await work(this.manager);
    } catch (error) {
      restores.forEach((restore) => restore());
      throw error;
    }
  }

  asDataSource(): DataSource {
    return this as unknown as DataSource;
  }
}
