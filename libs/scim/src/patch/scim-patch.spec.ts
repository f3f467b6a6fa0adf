import { ScimError } from '../http/scim-error';
import { resourceScope } from '../schema/attribute-path';
import { ENTERPRISE_USER_SCHEMA, GROUP_RESOURCE, PATCH_OP_SCHEMA, USER_RESOURCE } from '../schema/scim-schemas';
import { applyPatch } from './scim-patch';

const users = resourceScope(USER_RESOURCE);
const groups = resourceScope(GROUP_RESOURCE);
const patch = (scope: typeof users, resource: Record<string, unknown>, ...Operations: unknown[]) => applyPatch(scope, resource, { schemas: [PATCH_OP_SCHEMA], Operations });

function scimTypeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof ScimError ? error.scimType : 'not a ScimError';
  }
  return undefined;
}

describe(applyPatch.name, () => {
  const user = { id: 'u1', userName: 'ada', active: true, emails: [{ value: 'ada@work.example', type: 'work' }] };

  it('reads op without case and Entra ID booleans given as strings', () => {
    expect(patch(users, user, { op: 'Replace', path: 'active', value: 'False' }).active).toBe(false);
    expect(patch(users, user, { op: 'replace', value: { active: false } }).active).toBe(false);
    expect(patch(users, user, { op: 'replace', value: { id: 'u1', userName: 'augusta' } }).userName).toBe('augusta');
  });

  it('sets values through filters, creating the value a filter of equalities describes', () => {
    const changed = patch(users, user,
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@work.example' },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555' },
      { op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'R&D' },
      { op: 'add', path: 'name.givenName', value: 'Ada' });
    expect(changed).toEqual({
      ...user,
      emails: [{ value: 'new@work.example', type: 'work' }],
      phoneNumbers: [{ type: 'mobile', value: '+1 555' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
      name: { givenName: 'Ada' },
    });
    expect(user.emails[0].value).toBe('ada@work.example');
  });

  it('keeps one primary value when a new primary one is added', () => {
    const primary = { ...user, emails: [{ value: 'old@work.example', type: 'work', primary: true }] };
    expect(patch(users, primary, { op: 'add', path: 'emails', value: [{ value: 'new@work.example', type: 'work', primary: 'True' }] }).emails).toEqual([
      { value: 'old@work.example', type: 'work', primary: false },
      { value: 'new@work.example', type: 'work', primary: true },
    ]);
  });

  it('adds, removes by filter (Entra ID) and by listed values (Okta), and replaces members', () => {
    const group = { id: 'g1', displayName: 'eng', members: [{ value: 'a' }, { value: 'b' }] };
    expect(patch(groups, group, { op: 'add', path: 'members', value: [{ value: 'b' }, { value: 'c' }] }).members).toEqual([{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    expect(patch(groups, group, { op: 'Remove', path: 'members[value eq "a"]' }).members).toEqual([{ value: 'b' }]);
    expect(patch(groups, group, { op: 'remove', path: 'members', value: [{ value: 'b' }] }).members).toEqual([{ value: 'a' }]);
    expect(patch(groups, group, { op: 'remove', path: 'members[value eq "zz"]' }).members).toEqual(group.members);
    expect(patch(groups, group, { op: 'replace', path: 'members', value: [{ value: 'z' }] }).members).toEqual([{ value: 'z' }]);
    expect(patch(groups, group, { op: 'remove', path: 'members' }).members).toBeUndefined();
  });

  it('refuses what RFC 7644 §3.5.2 refuses, with its scimType', () => {
    expect(scimTypeOf(() => applyPatch(users, user, { Operations: [] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => patch(users, user, { op: 'move', path: 'title' }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => patch(users, user, { op: 'remove' }))).toBe('noTarget');
    expect(scimTypeOf(() => patch(users, user, { op: 'replace', path: 'id', value: 'x' }))).toBe('mutability');
    expect(scimTypeOf(() => patch(users, user, { op: 'replace', value: { id: 'other' } }))).toBe('mutability');
    expect(scimTypeOf(() => patch(users, user, { op: 'replace', path: 'unknown', value: 'x' }))).toBe('invalidPath');
    expect(scimTypeOf(() => patch(users, user, { op: 'replace', path: 'title[value eq "x"]', value: 'x' }))).toBe('invalidPath');
    expect(scimTypeOf(() => patch(users, user, { op: 'replace', path: 'emails[value co "nobody"].type', value: 'x' }))).toBe('noTarget');
    expect(scimTypeOf(() => patch(users, user, { op: 'replace', path: 'emails[type eq ]', value: 'x' }))).toBe('invalidFilter');
    expect(scimTypeOf(() => patch(users, user, { op: 'replace', path: 'active', value: 'maybe' }))).toBe('invalidValue');
  });
});
