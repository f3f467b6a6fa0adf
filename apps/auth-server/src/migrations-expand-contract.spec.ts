import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { unmarkedContractSteps } from '@app/core/database/expand-contract';

/**
 * The newest migration when the expand/contract rule was written down (docs/upgrades.md). Every migration
 * after it is checked: an unmarked contract step fails this test. Those up to it were reviewed once, and
 * their contract steps are pinned below so an edit to an old migration shows too.
 */
const LAST_REVIEWED_MIGRATION = 1764100027300;

const LIBS = join(__dirname, '..', '..', '..', 'libs');

interface FoundMigration {
  file: string;
  name: string;
  timestamp: number;
  statements: string[];
}

/** Every migration class in every lib's src/migrations, with the SQL its `up` sends. */
async function allMigrations(): Promise<FoundMigration[]> {
  const found: FoundMigration[] = [];
  for (const lib of readdirSync(LIBS)) {
    const folder = join(LIBS, lib, 'src', 'migrations');
    let files: string[];
    try {
      files = readdirSync(folder).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
    } catch {
      continue;
    }
    for (const file of files) {
      const exports = require(join(folder, file)) as Record<string, unknown>;
      for (const exported of Object.values(exports)) {
        if (typeof exported !== 'function' || typeof exported.prototype?.up !== 'function') continue;
        const migration = new (exported as new () => MigrationInterface)();
        const statements: string[] = [];
        const recorder = { query: async (sql: string) => void statements.push(sql) } as unknown as QueryRunner;
        await migration.up(recorder);
        const name = migration.name ?? exported.name;
        found.push({ file: `${lib}/${file}`, name, timestamp: Number(/(\d{13})$/.exec(name)?.[1]), statements });
      }
    }
  }
  return found;
}

/** Why the migrations after the last reviewed one break the rule, or undefined when they keep it. */
function expandContractRefusal(migrations: FoundMigration[]): string | undefined {
  const offending = migrations
    .filter((migration) => migration.timestamp > LAST_REVIEWED_MIGRATION)
    .flatMap((migration) => migration.statements.flatMap(unmarkedContractSteps).map((step) => `${migration.file}: ${step.kind}: ${step.statement}`));
  if (offending.length === 0) return undefined;
  return (
    'A migration removes or tightens something the previous release still uses, and the previous release keeps ' +
    'running while this one migrates (see docs/upgrades.md). Add instead (a new nullable column or one with a ' +
    'default, a new table), and drop or rename in a later release once no running version reads it; mark that ' +
    'statement with "-- contract: <why it is safe now>".\n' +
    offending.join('\n')
  );
}

describe('migrations follow expand/contract', () => {
  let migrations: FoundMigration[];

  beforeAll(async () => {
    migrations = await allMigrations();
  });

  it('finds the migration classes and the SQL their up sends', () => {
    expect(migrations.length).toBeGreaterThan(40);
    expect(migrations.every((migration) => Number.isSafeInteger(migration.timestamp) && migration.statements.length > 0)).toBe(true);
    expect(migrations.some((migration) => migration.timestamp === LAST_REVIEWED_MIGRATION)).toBe(true);
  });

  it('adds only, in every migration after the last reviewed one, unless a step is marked as a contract', () => {
    expect(expandContractRefusal(migrations)).toBeUndefined();
  });

  it('fails a future migration that drops a column, saying why and what to do instead', () => {
    const future: FoundMigration = {
      file: 'clients/1799999999999-drop-note.ts',
      name: 'DropNote1799999999999',
      timestamp: 1799999999999,
      statements: ['ALTER TABLE clients ADD COLUMN remark text', 'ALTER TABLE clients DROP COLUMN note'],
    };
    const refusal = expandContractRefusal([...migrations, future]);
    expect(refusal).toContain('the previous release keeps running while this one migrates');
    expect(refusal).toContain('drop or rename in a later release once no running version reads it');
    expect(refusal).toContain('clients/1799999999999-drop-note.ts: drop column: ALTER TABLE clients DROP COLUMN note');
    expect(refusal).not.toContain('ADD COLUMN remark');
  });

  it('holds, up to the last reviewed migration, only the contract steps reviewed when the rule was written', () => {
    const reviewed = migrations
      .filter((migration) => migration.timestamp <= LAST_REVIEWED_MIGRATION)
      .flatMap((migration) => migration.statements.flatMap(unmarkedContractSteps).map((step) => `${migration.name}: ${step.kind}`));
    expect(reviewed.sort()).toEqual([
      // Backfilled, then given a default in the same statement as NOT NULL: rows the previous release inserts
      // from then on get now(). One inserted between the backfill and that statement fails the migration,
      // which rolls back and runs again at the next start; new migrations set the default before backfilling.
      'SessionLastSeen1764100023000: set not null',
    ]);
  });
});
