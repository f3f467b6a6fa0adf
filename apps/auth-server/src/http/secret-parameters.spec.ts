import { withoutSecretParameters } from './secret-parameters';

describe(withoutSecretParameters.name, () => {
  it('replaces the values of secret parameters and keeps the rest as written', () => {
    expect(withoutSecretParameters('/federation/corp/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fidp')).toBe('/federation/corp/callback?code=REDACTED&state=REDACTED&iss=https%3A%2F%2Fidp');
    expect(withoutSecretParameters('/oauth2/logout?id_token_hint=eyJ.a.b&post_logout_redirect_uri=https%3A%2F%2Fapp')).toBe('/oauth2/logout?id_token_hint=REDACTED&post_logout_redirect_uri=https%3A%2F%2Fapp');
  });

  it('recognises an encoded parameter name', () => {
    expect(withoutSecretParameters('/x?%63ode=abc')).toBe('/x?%63ode=REDACTED');
  });

  it('leaves a URL without a query, or without secret parameters, unchanged', () => {
    expect(withoutSecretParameters('/oauth2/token')).toBe('/oauth2/token');
    expect(withoutSecretParameters('/oauth2/authorize?client_id=a&scope=openid')).toBe('/oauth2/authorize?client_id=a&scope=openid');
  });
});
