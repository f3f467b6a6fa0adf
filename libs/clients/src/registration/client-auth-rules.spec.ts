import type { ClientMetadataInput } from '@app/contracts';
import { clientAuthMetadata, ClientAuthPolicy } from './client-auth-rules';

const POLICY: ClientAuthPolicy = { introspectionAlgorithms: ['RS256', 'ES256'], allowPrivateJwksUri: false };
const EC_KEY = { kty: 'EC', crv: 'P-256', x: 'eA', y: 'eQ', kid: 'k1' };

function check(input: ClientMetadataInput, method: string, policy = POLICY) {
  const problems: Record<string, string> = {};
  const metadata = clientAuthMetadata(input, method, policy, problems);
  return { metadata, problems };
}

describe(clientAuthMetadata.name, () => {
  it('defaults: RS256 introspection answers (RFC 9701 §6), no keys, any allowed assertion alg', () => {
    expect(check({}, 'client_secret_basic')).toEqual({
      metadata: { introspectionSignedResponseAlg: 'RS256', jwks: null, jwksUri: null, tokenEndpointAuthSigningAlg: null },
      problems: {},
    });
  });

  it('accepts an introspection algorithm the server can sign with, and no other', () => {
    expect(check({ introspection_signed_response_alg: 'ES256' }, 'none').metadata.introspectionSignedResponseAlg).toBe('ES256');
    expect(check({ introspection_signed_response_alg: 'EdDSA' }, 'none').problems).toHaveProperty('introspection_signed_response_alg');
  });

  it('keeps a public JWK Set for private_key_jwt', () => {
    expect(check({ jwks: { keys: [EC_KEY] }, token_endpoint_auth_signing_alg: 'ES256' }, 'private_key_jwt')).toMatchObject({
      metadata: { jwks: { keys: [EC_KEY] }, tokenEndpointAuthSigningAlg: 'ES256' },
      problems: {},
    });
  });

  it.each([
    ['a private EC key', { keys: [{ ...EC_KEY, d: 'secret' }] }, /private member "d"/],
    ['an RSA key with primes', { keys: [{ kty: 'RSA', n: 'n', e: 'AQAB', p: 'p' }] }, /private member "p"/],
    ['a symmetric key', { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }, /private member "k"/],
    ['an EC key without y', { keys: [{ kty: 'EC', crv: 'P-256', x: 'eA' }] }, /needs crv, x, y/],
    ['an empty set', { keys: [] }, /at least one key/],
  ])('refuses %s in jwks', (_name, jwks, message) => {
    expect(check({ jwks } as ClientMetadataInput, 'private_key_jwt').problems.jwks).toMatch(message);
  });

  it('jwks_uri: https and a public host, unless JWKS_URI_ALLOW_PRIVATE', () => {
    expect(check({ jwks_uri: 'https://keys.example.com/jwks' }, 'private_key_jwt').problems).toEqual({});
    for (const uri of ['http://keys.example.com/jwks', 'https://10.1.1.1/jwks', 'https://[fd00::1]/jwks', 'https://localhost/jwks', 'not a url']) {
      expect(check({ jwks_uri: uri }, 'private_key_jwt').problems).toHaveProperty('jwks_uri');
    }
    expect(check({ jwks_uri: 'http://127.0.0.1:8080/jwks' }, 'private_key_jwt', { ...POLICY, allowPrivateJwksUri: true }).problems).toEqual({});
  });

  it('private_key_jwt needs exactly one key source; other methods take none', () => {
    expect(check({}, 'private_key_jwt').problems.jwks).toMatch(/requires jwks or jwks_uri/);
    expect(check({ jwks: { keys: [EC_KEY] }, jwks_uri: 'https://keys.example.com/jwks' }, 'private_key_jwt').problems.jwks).toMatch(/not be combined/);
    expect(check({ jwks: { keys: [EC_KEY] } }, 'client_secret_jwt').problems.jwks).toMatch(/only used with private_key_jwt/);
  });

  it('token_endpoint_auth_signing_alg must fit the method; never none', () => {
    expect(check({ token_endpoint_auth_signing_alg: 'HS512' }, 'client_secret_jwt').problems).toEqual({});
    expect(check({ token_endpoint_auth_signing_alg: 'RS256' }, 'client_secret_jwt').problems).toHaveProperty('token_endpoint_auth_signing_alg');
    expect(check({ jwks: { keys: [EC_KEY] }, token_endpoint_auth_signing_alg: 'none' }, 'private_key_jwt').problems).toHaveProperty('token_endpoint_auth_signing_alg');
    expect(check({ token_endpoint_auth_signing_alg: 'RS256' }, 'client_secret_basic').problems.token_endpoint_auth_signing_alg).toMatch(/only used with/);
  });
});
