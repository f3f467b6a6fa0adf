import { isServerScope, SCIM_SCOPE, SUPPORTED_SIGN_IN_SCOPES } from './known-scopes';

describe(isServerScope.name, () => {
  it.each([...SUPPORTED_SIGN_IN_SCOPES, 'admin', 'admin:read', 'admin:people', SCIM_SCOPE])('knows the server scope %s', (scope) => {
    expect(isServerScope(scope)).toBe(true);
  });

  it.each(['orders:read', 'address', 'phone', 'Admin', 'openid '])('leaves %p to the registered APIs', (scope) => {
    expect(isServerScope(scope)).toBe(false);
  });
});
