import { endsAdministrator } from './last-admin';

describe(endsAdministrator.name, () => {
  const admin = { roles: ['admin', 'ops'], disabled: false };

  it('is true when an enabled admin loses the role, is disabled or is deleted', () => {
    expect(endsAdministrator(admin, { roles: ['ops'] })).toBe(true);
    expect(endsAdministrator(admin, { disabled: true })).toBe(true);
    expect(endsAdministrator(admin, 'delete')).toBe(true);
  });

  it('is false for changes that keep the powers, and for people who have none to lose', () => {
    expect(endsAdministrator(admin, { roles: ['admin'] })).toBe(false);
    expect(endsAdministrator(admin, { disabled: false })).toBe(false);
    expect(endsAdministrator({ roles: ['admin'], disabled: true }, 'delete')).toBe(false);
    expect(endsAdministrator({ roles: ['auditor'], disabled: false }, { disabled: true })).toBe(false);
  });
});
