import { InsufficientScopeError } from './errors';
import { assertScopes, hasScopes, missingScopes } from './scopes';

describe('scopes', () => {
  const verified = { scopes: ['orders:read', 'profile'] };

  describe(assertScopes.name, () => {
    it('passes when every required scope is present', () => {
      expect(() => assertScopes(verified, ['orders:read'])).not.toThrow();
      expect(() => assertScopes(verified, [])).not.toThrow();
    });

    it('throws InsufficientScopeError naming the missing scopes', () => {
      let error: unknown;
      try {
        assertScopes(verified, ['orders:read', 'orders:write', 'admin']);
      } catch (thrown) {
        error = thrown;
      }

      expect(error).toBeInstanceOf(InsufficientScopeError);
      const insufficient = error as InsufficientScopeError;
      expect(insufficient.missingScopes).toEqual(['orders:write', 'admin']);
      expect(insufficient.requiredScopes).toEqual(['orders:read', 'orders:write', 'admin']);
      expect(insufficient.description).toContain('orders:write admin');
      expect(insufficient.status).toBe(403);
    });

    it('compares scopes case-sensitively', () => {
      expect(() => assertScopes(verified, ['Orders:Read'])).toThrow(InsufficientScopeError);
    });
  });

  it(`${hasScopes.name} and ${missingScopes.name} agree`, () => {
    expect(hasScopes(verified, ['profile'])).toBe(true);
    expect(hasScopes(verified, ['profile', 'email'])).toBe(false);
    expect(missingScopes(verified, ['email', 'email'])).toEqual(['email']);
  });
});
