import { AdminActor } from './admin-actor';

describe(AdminActor.name, () => {
  it('gives a person what their roles allow, bounded by the token\'s admin scopes', () => {
    const auditor = AdminActor.person('u1', 'admin-console', ['auditor', 'ops'], ['admin']);
    expect(auditor.can('clients:read')).toBe(true);
    expect(auditor.can('clients:write')).toBe(false);
    const readOnlyAdmin = AdminActor.person('u2', 'cli', ['admin'], ['admin:read']);
    expect(readOnlyAdmin.can('people:read')).toBe(true);
    expect(readOnlyAdmin.can('people:write')).toBe(false);
    expect(AdminActor.person('u3', 'cli', ['helpdesk'], ['admin:read']).can('people:support')).toBe(false);
  });

  it('limits an app owner\'s client and API permissions to what they own, unless another role lifts it', () => {
    const owner = AdminActor.person('u1', 'admin-console', ['app-owner'], ['admin']);
    expect(owner.ownsOnly('clients:write')).toBe(true);
    expect(owner.can('clients:create')).toBe(false);
    const ownerAndAuditor = AdminActor.person('u1', 'admin-console', ['app-owner', 'auditor'], ['admin']);
    expect(ownerAndAuditor.ownsOnly('clients:read')).toBe(false);
    expect(ownerAndAuditor.ownsOnly('clients:write')).toBe(true);
  });

  it('gives a client exactly what its scopes allow', () => {
    expect(AdminActor.client('ops', ['admin:people']).can('people:support')).toBe(true);
    expect(AdminActor.client('ops', ['admin:people']).can('groups:read')).toBe(false);
    expect(AdminActor.client('ops', ['admin']).can('keys:write')).toBe(true);
  });

  it('holds only the admin roles it has; admin holds every one', () => {
    const helpdesk = AdminActor.person('u1', 'c', ['helpdesk'], ['admin']);
    expect(helpdesk.holdsRoles(['helpdesk', 'ops'])).toBe(true);
    expect(helpdesk.holdsRoles(['auditor'])).toBe(false);
    expect(AdminActor.client('ops', ['admin:people']).holdsRoles(['admin'])).toBe(false);
    expect(AdminActor.person('u2', 'c', ['admin'], ['admin']).holdsRoles(['auditor', 'app-owner', 'helpdesk'])).toBe(true);
  });
});
