import { ConfigDocument, emptyDocument } from './config-document';
import { planChanges, sameValue, SECRET_SHOWN } from './plan';

function documentWith(sections: Partial<ConfigDocument>): ConfigDocument {
  return { ...emptyDocument(), ...sections };
}

const app = (clientId: string, fields: Record<string, unknown> = {}) => ({ client_id: clientId, client_name: 'App', redirect_uris: ['https://a.example/cb'], ...fields });

describe(planChanges.name, () => {
  it('plans nothing when the document is what the server holds', () => {
    const current = documentWith({ applications: [app('a', { client_secret: '${env:APP_A_SECRET}' })], groups: [{ name: 'g', parents: [] }] });
    expect(planChanges({ current, desired: structuredClone(current), newSecrets: new Set(), prune: true })).toEqual({ changes: [], kept: [] });
  });

  it('creates what is new, every field shown as after and the secret masked', () => {
    const sut = planChanges({ current: emptyDocument(), desired: documentWith({ applications: [app('a', { client_secret: 'plain value' })] }), newSecrets: new Set(['application:a']), prune: false });
    expect(sut.changes).toEqual([{
      action: 'create',
      kind: 'application',
      key: 'a',
      diff: { client_id: { after: 'a' }, client_name: { after: 'App' }, redirect_uris: { after: ['https://a.example/cb'] }, client_secret: { after: SECRET_SHOWN } },
    }]);
    expect(JSON.stringify(sut)).not.toContain('plain value');
  });

  it('updates only the fields that differ, arrays and nested objects compared by value', () => {
    const current = documentWith({ apis: [{ identifier: 'https://api', name: 'Old', scopes: [{ name: 'read', description: '' }], token_exchange: { allowed_clients: [] } }] });
    const desired = documentWith({ apis: [{ identifier: 'https://api', name: 'New', scopes: [{ name: 'read', description: '' }], token_exchange: { allowed_clients: ['c'] } }] });
    expect(planChanges({ current, desired, newSecrets: new Set(), prune: false }).changes).toEqual([{
      action: 'update',
      kind: 'api',
      key: 'https://api',
      diff: { name: { before: 'Old', after: 'New' }, token_exchange: { before: { allowed_clients: [] }, after: { allowed_clients: ['c'] } } },
    }]);
  });

  it('reports a new secret as an update without its value, and ignores the reference text', () => {
    const current = documentWith({ identity_providers: [{ name: 'ldap', type: 'ldap', bind_password: '${env:IDP_LDAP_SECRET}' }] });
    const desired = documentWith({ identity_providers: [{ name: 'ldap', type: 'ldap', bind_password: '${env:OTHER_NAME}' }] });
    expect(planChanges({ current, desired, newSecrets: new Set(), prune: false }).changes).toEqual([]);
    expect(planChanges({ current, desired, newSecrets: new Set(['identity_provider:ldap']), prune: false }).changes).toEqual([
      { action: 'update', kind: 'identity_provider', key: 'ldap', diff: { bind_password: { before: SECRET_SHOWN, after: SECRET_SHOWN } } },
    ]);
  });

  it('takes a group name in another case for the same group: an update of its name', () => {
    const current = documentWith({ groups: [{ name: 'engineering', parents: [] }] });
    const desired = documentWith({ groups: [{ name: 'Engineering', parents: [] }] });
    expect(planChanges({ current, desired, newSecrets: new Set(), prune: true })).toEqual({
      changes: [{ action: 'update', kind: 'group', key: 'Engineering', diff: { name: { before: 'engineering', after: 'Engineering' } } }],
      kept: [],
    });
  });

  it('keeps what the document leaves out unless pruning, and then deletes it', () => {
    const current = documentWith({ groups: [{ name: 'stays', parents: [] }, { name: 'gone', parents: [] }], roles: [{ role: 'auditor', people: ['ann'] }] });
    const desired = documentWith({ groups: [{ name: 'stays', parents: [] }] });
    expect(planChanges({ current, desired, newSecrets: new Set(), prune: false })).toEqual({
      changes: [],
      kept: [{ kind: 'group', key: 'gone' }, { kind: 'role', key: 'auditor' }],
    });
    expect(planChanges({ current, desired, newSecrets: new Set(), prune: true })).toEqual({
      changes: [
        { action: 'delete', kind: 'group', key: 'gone', diff: { name: { before: 'gone' }, parents: { before: [] } } },
        { action: 'delete', kind: 'role', key: 'auditor', diff: { role: { before: 'auditor' }, people: { before: ['ann'] } } },
      ],
      kept: [],
    });
  });

  it('lists changes section by section, in the order of the sections of the document', () => {
    const desired = documentWith({ identity_providers: [{ name: 'p', type: 'oidc' }], groups: [{ name: 'g', parents: [] }], applications: [app('a')] });
    expect(planChanges({ current: emptyDocument(), desired, newSecrets: new Set(), prune: false }).changes.map((change) => change.kind)).toEqual(['application', 'group', 'identity_provider']);
  });
});

describe(sameValue.name, () => {
  it.each([
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [{ a: 1, b: [null] }, { b: [null], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, true],
    [{ a: 1 }, { a: '1' }, false],
    [null, {}, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameValue(a, b)).toBe(same);
  });
});
