import { operationOf } from './database-metrics';

describe(operationOf.name, () => {
  it.each([
    ['SELECT 1', 'select'],
    ['  select * from clients', 'select'],
    ['WITH cleared AS (DELETE FROM t) UPDATE t SET a = 1', 'other'],
    ['INSERT INTO login_attempts VALUES ($1)', 'insert'],
    ['UPDATE codes SET consumed_at = now()', 'update'],
    ['DELETE FROM sessions', 'delete'],
    ['START TRANSACTION', 'transaction'],
    ['COMMIT', 'transaction'],
    ['ROLLBACK', 'transaction'],
    ['SET statement_timeout = 5000', 'other'],
    ['', 'other'],
  ])('classifies %p as %s', (query, operation) => {
    expect(operationOf(query)).toBe(operation);
  });
});
