import { bearerChallenge } from './bearer';
import { InsufficientScopeError, MissingTokenError } from './errors';
import { protectedResourceMetadata, protectedResourceMetadataPath, protectedResourceMetadataUrl } from './protected-resource-metadata';

describe('protected resource metadata (RFC 9728)', () => {
  const defaults = { issuer: 'https://id.example.com', audience: 'https://orders.example.com' };

  it('§2: fills resource and authorization_servers from the verifier, and says tokens come in the header', () => {
    expect(protectedResourceMetadata({ scopesSupported: ['orders:read'], resourceName: 'Orders' }, defaults)).toEqual({
      resource: 'https://orders.example.com',
      authorization_servers: ['https://id.example.com'],
      bearer_methods_supported: ['header'],
      scopes_supported: ['orders:read'],
      resource_name: 'Orders',
    });
  });

  it('§3.1: the well-known path goes between host and path', () => {
    expect(protectedResourceMetadataPath('https://orders.example.com')).toBe('/.well-known/oauth-protected-resource');
    expect(protectedResourceMetadataPath('https://api.example.com/orders/')).toBe('/.well-known/oauth-protected-resource/orders');
    expect(protectedResourceMetadataUrl('https://api.example.com/orders')).toBe('https://api.example.com/.well-known/oauth-protected-resource/orders');
  });

  it('refuses a resource that is not an https URL without query or fragment', () => {
    for (const resource of ['orders', 'http://orders.example.com', 'https://orders.example.com/?a=1', 'https://orders.example.com/#x']) {
      expect(() => protectedResourceMetadata({ resource }, defaults)).toThrow(TypeError);
    }
    expect(protectedResourceMetadata({ resource: 'http://127.0.0.1:4000' }, defaults).resource).toBe('http://127.0.0.1:4000');
  });

  it('§5.1: every challenge carries resource_metadata when given', () => {
    const resourceMetadata = 'https://orders.example.com/.well-known/oauth-protected-resource';
    expect(bearerChallenge(new MissingTokenError(), { realm: 'orders', resourceMetadata }).headers['WWW-Authenticate']).toBe(`Bearer realm="orders", resource_metadata="${resourceMetadata}"`);
    const scope = bearerChallenge(new InsufficientScopeError(['orders:write'], ['orders:write']), { resourceMetadata }).headers['WWW-Authenticate'];
    expect(scope).toMatch(/scope="orders:write", resource_metadata="https:\/\/orders\.example\.com\/\.well-known\/oauth-protected-resource"$/);
    expect(bearerChallenge(new MissingTokenError()).headers['WWW-Authenticate']).toBe('Bearer realm="api"');
  });
});
