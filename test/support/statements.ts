import type { DataSource } from 'typeorm';

/**
 * Every SQL statement the server sends through TypeORM while `run` executes (transactions included),
 * whitespace folded. The timers' statements (the back-channel logout worker's outbox poll, the revocation
 * memory's heartbeat) are left out: they are not part of what a test measures.
 */
export async function statementsDuring(dataSource: DataSource, run: () => Promise<void>): Promise<string[]> {
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  const seen: string[] = [];
  logger.logQuery = (query, parameters, queryRunner) => {
    if (!query.includes('logout_deliveries') && !query.includes('revocation_heartbeat')) seen.push(query.replace(/\s+/g, ' ').trim());
    return original(query, parameters, queryRunner);
  };
  try {
    await run();
  } finally {
    logger.logQuery = original;
  }
  return seen;
}
