import { unmarkedContractSteps } from './expand-contract';

describe(unmarkedContractSteps.name, () => {
  const kinds = (sql: string) => unmarkedContractSteps(sql).map((step) => step.kind);

  it.each([
    ['CREATE TABLE things (id uuid PRIMARY KEY, name text NOT NULL)'],
    ['ALTER TABLE clients ADD COLUMN note text'],
    [`ALTER TABLE clients ADD COLUMN require_par boolean NOT NULL DEFAULT false`],
    [`ALTER TABLE clients ADD COLUMN IF NOT EXISTS tags text[]`],
    ['ALTER TABLE clients ADD COLUMN id2 bigint NOT NULL GENERATED ALWAYS AS IDENTITY'],
    ['ALTER TABLE clients DROP CONSTRAINT clients_auth_method_check, ADD CONSTRAINT clients_auth_method_check CHECK (a IN (1, 2))'],
    ['ALTER TABLE clients  DROP   CONSTRAINT spaced_out'],
    ['ALTER TABLE clients ALTER COLUMN note DROP NOT NULL'],
    ['CREATE INDEX CONCURRENTLY clients_note_idx ON clients (note)'],
    [`ALTER TABLE clients ADD COLUMN label text DEFAULT 'a, b; c'`],
  ])('lets an expanding step through: %s', (sql) => {
    expect(kinds(sql)).toEqual([]);
  });

  it.each([
    ['ALTER TABLE clients DROP COLUMN note', 'drop column'],
    ['ALTER TABLE clients DROP note', 'drop column'],
    ['ALTER TABLE clients RENAME COLUMN note TO remark', 'rename'],
    ['ALTER TABLE clients RENAME TO applications', 'rename'],
    ['ALTER TABLE clients ALTER COLUMN note SET NOT NULL', 'set not null'],
    ['ALTER TABLE clients ALTER note TYPE varchar(20)', 'change column type'],
    ['ALTER TABLE clients ALTER COLUMN note SET DATA TYPE varchar(20)', 'change column type'],
    ['ALTER TABLE clients ADD COLUMN tenant uuid NOT NULL', 'not null column without default'],
    ['DROP TABLE legacy_sessions', 'drop table'],
  ])('finds the contract step in %s', (sql, kind) => {
    expect(kinds(sql)).toEqual([kind]);
  });

  it('finds every contract step of a statement with several actions, and of several statements', () => {
    const sql = `ALTER TABLE clients ADD COLUMN remark text, DROP COLUMN note, ALTER COLUMN name SET NOT NULL;
      DROP TABLE legacy`;
    expect(kinds(sql)).toEqual(['drop column', 'set not null', 'drop table']);
  });

  it('accepts a contract step marked with the reason it is safe now', () => {
    expect(kinds(`ALTER TABLE clients DROP COLUMN note -- contract: unread since release 0.4`)).toEqual([]);
  });

  it('does not take an empty marker or a commented-out step for a contract', () => {
    expect(kinds('ALTER TABLE clients DROP COLUMN note -- contract:')).toEqual(['drop column']);
    expect(kinds('-- ALTER TABLE clients DROP COLUMN note\nALTER TABLE clients ADD COLUMN remark text')).toEqual([]);
  });
});
