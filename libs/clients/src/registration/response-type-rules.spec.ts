import { InvalidClientMetadata, InvalidRedirectUri } from '@app/core';
import type { ClientMetadataInput } from '@app/contracts';
import { normalizeClientMetadata, RegistrationPolicy } from './client-registration.rules';

const POLICY: RegistrationPolicy = { grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'], idTokenAlgorithms: ['RS256'], introspectionAlgorithms: ['RS256'], allowPrivateJwksUri: false };
const REDIRECT = { redirect_uris: ['https://app.example.com/cb'] };
const normalize = (input: ClientMetadataInput) => normalizeClientMetadata({ ...REDIRECT, ...input }, POLICY);

function fieldsOf(register: () => unknown): Record<string, string> | undefined {
  try {
    register();
  } catch (error) {
    if (error instanceof InvalidClientMetadata || error instanceof InvalidRedirectUri) return (error as { fields?: Record<string, string> }).fields;
    throw error;
  }
  throw new Error('the metadata was accepted');
}

describe('registration of implicit sign-in (RFC 7591 §2.1)', () => {
  it('accepts implicit though no token-endpoint handler announces it, defaulting response_types to id_token', () => {
    expect(normalize({ grant_types: ['implicit'] })).toMatchObject({ grantTypes: ['implicit'], responseTypes: ['id_token'] });
    expect(normalize({ grant_types: ['authorization_code', 'implicit'] }).responseTypes).toEqual(['code', 'id_token']);
    expect(normalize({ grant_types: ['implicit'], token_endpoint_auth_method: 'none' }).tokenEndpointAuthMethod).toBe('none');
  });

  it('id_token goes with implicit and back', () => {
    expect(fieldsOf(() => normalize({ grant_types: ['authorization_code'], response_types: ['code', 'id_token'] }))).toMatchObject({
      response_types: 'response type id_token requires the implicit grant',
    });
    expect(fieldsOf(() => normalize({ grant_types: ['implicit'], response_types: [] }))).toMatchObject({
      response_types: 'the implicit grant requires response type id_token',
    });
  });

  it('implicit needs a redirect URI and issues no refresh token', () => {
    expect(fieldsOf(() => normalizeClientMetadata({ grant_types: ['implicit'] }, POLICY))).toMatchObject({
      redirect_uris: 'the implicit grant requires at least one redirect URI',
    });
    expect(fieldsOf(() => normalize({ grant_types: ['implicit', 'refresh_token'] }))).toMatchObject({
      grant_types: 'refresh_token must be combined with a grant that issues refresh tokens',
    });
  });

  it('still refuses the token response types', () => {
    expect(fieldsOf(() => normalize({ grant_types: ['implicit'], response_types: ['id_token', 'token'] }))).toMatchObject({
      response_types: 'unsupported response type token',
    });
  });
});
