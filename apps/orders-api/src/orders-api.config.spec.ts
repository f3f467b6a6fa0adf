import { readOrdersApiConfig } from './orders-api.config';

describe(readOrdersApiConfig.name, () => {
  const base = { ISSUER: 'http://localhost:3000', AUDIENCE: 'https://orders.example.com' };

  it('defaults to local JWT verification on port 4000', () => {
    expect(readOrdersApiConfig(base)).toEqual({
      port: 4000,
      resourceServer: { issuer: base.ISSUER, audience: base.AUDIENCE, mode: 'jwt' },
    });
  });

  it('takes the API credentials and cache bound in introspection mode', () => {
    const sut = readOrdersApiConfig({
      ...base,
      PORT: '8081',
      VERIFY_MODE: 'introspection',
      INTROSPECTION_CLIENT_ID: 'api-orders',
      INTROSPECTION_CLIENT_SECRET: 's3cret',
      INTROSPECTION_CACHE_SECONDS: '0',
    });
    expect(sut).toEqual({
      port: 8081,
      resourceServer: {
        issuer: base.ISSUER,
        audience: base.AUDIENCE,
        mode: 'introspection',
        introspection: { clientId: 'api-orders', clientSecret: 's3cret' },
        introspectionCacheMaxSeconds: 0,
      },
    });
  });

  it('receives back-channel logouts for BACKCHANNEL_LOGOUT_CLIENT_ID', () => {
    expect(readOrdersApiConfig({ ...base, BACKCHANNEL_LOGOUT_CLIENT_ID: 'web-shop' }).backchannelLogout).toEqual({ clientId: 'web-shop' });
    expect(readOrdersApiConfig({ ...base, BACKCHANNEL_LOGOUT_CLIENT_ID: '' }).backchannelLogout).toBeUndefined();
  });

  it('allows the browser origins in CORS_ORIGINS, none by default', () => {
    expect(readOrdersApiConfig(base).corsOrigins).toBeUndefined();
    expect(readOrdersApiConfig({ ...base, CORS_ORIGINS: 'http://localhost:5173, https://shop.example.com' }).corsOrigins).toEqual([
      'http://localhost:5173',
      'https://shop.example.com',
    ]);
  });

  it.each([
    [{ ...base, CORS_ORIGINS: 'localhost:5173' }, 'CORS_ORIGINS: localhost:5173 is not an origin'],
    [{ ...base, CORS_ORIGINS: 'http://localhost:5173/' }, 'write it as http://localhost:5173'],
    [{ AUDIENCE: 'x' }, 'ISSUER is required'],
    [{ ...base, VERIFY_MODE: 'both' }, 'VERIFY_MODE must be'],
    [{ ...base, VERIFY_MODE: 'introspection' }, 'INTROSPECTION_CLIENT_ID is required'],
    [{ ...base, PORT: 'eighty' }, 'PORT must be'],
  ])('refuses %j', (env, message) => {
    expect(() => readOrdersApiConfig(env)).toThrow(message);
  });
});
