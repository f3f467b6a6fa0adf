import { AppConfig } from './app-config';

describe(AppConfig.name, () => {
  it('applies the documented defaults', () => {
    const sut = new AppConfig({});
    expect(sut.port).toBe(3000);
    expect(sut.issuer).toBe('http://localhost:3000');
    expect(sut.databaseUrl).toBeUndefined();
    expect(sut.dataDir).toBe('./data');
    expect(sut.signingAlgorithm).toBe('ES256');
    expect(sut.accessTokenTtl).toBe(3600);
    expect(sut.loginMaxFailures).toBe(5);
    expect(sut.loginLockoutSeconds).toBe(900);
  });

  it('reads the lockout settings', () => {
    const sut = new AppConfig({ LOGIN_MAX_FAILURES: '10', LOGIN_LOCKOUT_S: '3600' });
    expect([sut.loginMaxFailures, sut.loginLockoutSeconds]).toEqual([10, 3600]);
  });

  it('RFC 9449: DPoP nonces are off and proofs may be 60 s off by default; both are settable', () => {
    expect([new AppConfig({}).dpopNonce, new AppConfig({}).dpopProofWindowSeconds]).toEqual([false, 60]);
    const sut = new AppConfig({ DPOP_NONCE: 'true', DPOP_PROOF_WINDOW_S: '30' });
    expect([sut.dpopNonce, sut.dpopProofWindowSeconds]).toEqual([true, 30]);
    expect(() => new AppConfig({ DPOP_NONCE: 'yes' })).toThrow(/DPOP_NONCE/);
  });

  it('derives the default issuer from PORT and keeps ISSUER exactly as given', () => {
    expect(new AppConfig({ PORT: '8080' }).issuer).toBe('http://localhost:8080');
    expect(new AppConfig({ ISSUER: 'https://id.example.com/tenant-a' }).issuer).toBe('https://id.example.com/tenant-a');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['ISSUER', 'not a url'],
    ['ISSUER', 'https://id.example.com?x=1'],
    ['ISSUER', 'https://id.example.com?'],
    ['ISSUER', 'https://id.example.com/'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['SIGNING_ALG', 'HS256'],
    ['LOG_LEVEL', 'loud'],
    ['ACCESS_TOKEN_TTL', '5'],
    ['LOGIN_MAX_FAILURES', '0'],
    ['LOGIN_MAX_FAILURES', 'five'],
    ['LOGIN_LOCKOUT_S', '0'],
    ['LOGIN_LOCKOUT_S', '-60'],
    ['JWKS_URI_ALLOW_PRIVATE', 'yes'],
  ])('stops with a message naming %s for %p', (variable, value) => {
    expect(() => new AppConfig({ [variable]: value })).toThrow(new RegExp(`Invalid configuration: ${variable} `));
  });

  it('allows private jwks_uri addresses only when JWKS_URI_ALLOW_PRIVATE is true', () => {
    expect(new AppConfig({}).jwksUriAllowPrivate).toBe(false);
    expect(new AppConfig({ JWKS_URI_ALLOW_PRIVATE: 'false' }).jwksUriAllowPrivate).toBe(false);
    expect(new AppConfig({ JWKS_URI_ALLOW_PRIVATE: 'true' }).jwksUriAllowPrivate).toBe(true);
  });

  it('requires bootstrap id and secret together', () => {
    expect(() => new AppConfig({ BOOTSTRAP_ADMIN_CLIENT_ID: 'admin' })).toThrow(/BOOTSTRAP_ADMIN_CLIENT_ID/);
  });

  it('migrates at start unless MIGRATIONS=skip leaves it to the migrate command; other values stop the server', () => {
    expect(new AppConfig({}).migrations).toBe('run');
    expect(new AppConfig({ MIGRATIONS: 'skip' }).migrations).toBe('skip');
    expect(() => new AppConfig({ MIGRATIONS: 'never' })).toThrow(/MIGRATIONS must be one of run, skip/);
  });
});
