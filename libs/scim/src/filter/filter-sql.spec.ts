import { resourceScope } from '../schema/attribute-path';
import { USER_RESOURCE } from '../schema/scim-schemas';
import { parseScimFilter } from './scim-filter';
import { sqlNarrowing, SqlColumns } from './filter-sql';

const scope = resourceScope(USER_RESOURCE);
const columns: SqlColumns = {
  id: { kind: 'uuid', expression: 'r.id' },
  userName: { kind: 'text', expression: 'r.username' },
  externalId: { kind: 'exact', expression: 's.external_id' },
  active: { kind: 'boolean', expression: 'NOT r.disabled' },
};

function narrow(filter: string): { sql: string | undefined; params: unknown[] } {
  const params: unknown[] = [];
  return { sql: sqlNarrowing(parseScimFilter(filter), scope, columns, params), params };
}

describe(sqlNarrowing.name, () => {
  it('turns the lookups provisioning clients make into indexed equalities', () => {
    expect(narrow('userName eq "Alice@Example.com"')).toEqual({ sql: 'lower(r.username) = $1', params: ['alice@example.com'] });
    expect(narrow('externalId eq "Ext-1"')).toEqual({ sql: 's.external_id = $1', params: ['Ext-1'] });
    expect(narrow('urn:ietf:params:scim:schemas:core:2.0:User:USERNAME eq "a"')).toEqual({ sql: 'lower(r.username) = $1', params: ['a'] });
  });

  it('escapes LIKE patterns for sw, ew and co', () => {
    expect(narrow('userName sw "50%_"')).toEqual({ sql: 'lower(r.username) LIKE $1', params: ['50\\%\\_%'] });
    expect(narrow('userName co "b"').params).toEqual(['%b%']);
  });

  it('keeps the narrowing parts of an and, and needs every branch of an or', () => {
    expect(narrow('userName eq "a" and title eq "x"')).toEqual({ sql: '(lower(r.username) = $1)', params: ['a'] });
    expect(narrow('userName eq "a" or externalId eq "b"')).toEqual({ sql: '(lower(r.username) = $1 OR s.external_id = $2)', params: ['a', 'b'] });
    expect(narrow('userName eq "a" or title eq "x"').sql).toBeUndefined();
  });

  it('narrows nothing for not, ne, pr, value paths and attributes without a column', () => {
    for (const filter of ['not (userName eq "a")', 'userName ne "a"', 'userName pr', 'emails[type eq "work"]', 'title eq "x"', 'userName gt "a"']) {
      expect(narrow(filter).sql).toBeUndefined();
    }
  });

  it('matches nothing for an id that is no uuid, instead of a database error', () => {
    expect(narrow('id eq "nope"')).toEqual({ sql: 'FALSE', params: [] });
    expect(narrow('active eq false')).toEqual({ sql: 'NOT r.disabled = $1', params: [false] });
  });
});

describe('a text column with eqCandidates', () => {
  const withCandidates: SqlColumns = { ...columns, userName: { kind: 'text', expression: 'r.username', eqCandidates: (value) => `r.id IN (SELECT id FROM x WHERE k = ${value})` } };
  const narrowWith = (filter: string) => {
    const params: unknown[] = [];
    return { sql: sqlNarrowing(parseScimFilter(filter), scope, withCandidates, params), params };
  };

  it('puts the candidates before the exact eq test, on the same parameter', () => {
    expect(narrowWith('userName eq "A"')).toEqual({ sql: '(r.id IN (SELECT id FROM x WHERE k = $1) AND lower(r.username) = $1)', params: ['a'] });
  });

  it('leaves the other operators as they were', () => {
    expect(narrowWith('userName sw "a"')).toEqual({ sql: 'lower(r.username) LIKE $1', params: ['a%'] });
  });
});
