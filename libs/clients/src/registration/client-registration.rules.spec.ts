import { InvalidClientMetadata } from '@app/core';
import type { ClientMetadataInput } from '@app/contracts';
import { MAX_CONTACTS, normalizeClientMetadata, RegistrationPolicy } from './client-registration.rules';

const SERVICE = { grant_types: ['client_credentials'], scope: 'reports:read' };
const POLICY: RegistrationPolicy = { grantTypes: ['authorization_code', 'client_credentials', 'refresh_token'], idTokenAlgorithms: ['RS256'], introspectionAlgorithms: ['RS256'], allowPrivateJwksUri: false };
const normalize = (input: ClientMetadataInput, policy = POLICY) => normalizeClientMetadata(input, policy);

/** The error registration refused the metadata with; fails the test when it was accepted. */
function refusal(register: () => unknown): InvalidClientMetadata {
  try {
    register();
  } catch (error) {
    if (error instanceof InvalidClientMetadata) return error;
    throw error;
  }
  throw new Error('the metadata was accepted');
}

describe(`${normalizeClientMetadata.name}: grant types`, () => {
  const tokenExchange = 'urn:ietf:params:oauth:grant-type:token-exchange';

  it('accepts any grant type the policy lists', () => {
    expect(normalize({ grant_types: [tokenExchange] }, { ...POLICY, grantTypes: [tokenExchange] }).grantTypes).toEqual([tokenExchange]);
  });

  it('refuses a grant type the policy does not list, under grant_types', () => {
    expect(refusal(() => normalize({ grant_types: [tokenExchange] }))).toMatchObject({
      description: `grant_types unsupported grant type ${tokenExchange}`,
      fields: { grant_types: `unsupported grant type ${tokenExchange}` },
    });
  });

  it('defaults to the authorization_code grant with response type code (RFC 7591 §2)', () => {
    expect(normalize({ redirect_uris: ['https://app.example.com/cb'] })).toMatchObject({ grantTypes: ['authorization_code'], responseTypes: ['code'] });
  });
});

describe(`${normalizeClientMetadata.name}: contacts`, () => {
  it('keeps e-mail addresses, once each', () => {
    expect(normalize({ ...SERVICE, contacts: ['ops@example.com', 'ops@example.com', 'a.b+c@mail.example.org'] }).contacts).toEqual(['ops@example.com', 'a.b+c@mail.example.org']);
  });

  it.each([
    ['not an address'],
    ['ops@localhost'],
    ['ops@example.com\nBcc: x@example.com'],
    [`${'a'.repeat(310)}@example.com`],
  ])('refuses %p as invalid_client_metadata under contacts', (contact) => {
    expect(() => normalize({ ...SERVICE, contacts: [contact] })).toThrow(InvalidClientMetadata);
    try {
      normalize({ ...SERVICE, contacts: [contact] });
    } catch (error) {
      expect(Object.keys((error as InvalidClientMetadata).fields ?? {})).toEqual(['contacts']);
    }
  });

  it(`refuses more than ${MAX_CONTACTS} addresses`, () => {
    const contacts = Array.from({ length: MAX_CONTACTS + 1 }, (_, i) => `ops${i}@example.com`);
    expect(() => normalize({ ...SERVICE, contacts })).toThrow(/contacts/);
  });
});

describe(`${normalizeClientMetadata.name}: default_acr_values (OIDC Registration §2)`, () => {
  it('keeps the levels of acr_values_supported, once each', () => {
    expect(normalize({ ...SERVICE, default_acr_values: ['mfa', 'phr', 'mfa'] }).defaultAcrValues).toEqual(['mfa', 'phr']);
  });

  it('defaults to none: a password is enough', () => {
    expect(normalize(SERVICE).defaultAcrValues).toEqual([]);
  });

  it('refuses a value that is not a level this server speaks, under default_acr_values', () => {
    expect(refusal(() => normalize({ ...SERVICE, default_acr_values: ['mfa', 'urn:gold'] }))).toMatchObject({
      code: 'invalid_client_metadata',
      description: "default_acr_values 'urn:gold' is not one of pwd, mfa, phr",
      fields: { default_acr_values: '"urn:gold" is not one of pwd, mfa, phr' },
    });
  });
});

describe(`${normalizeClientMetadata.name}: logout URIs (Back-Channel Logout §2.2, Front-Channel Logout §2)`, () => {
  it('has none and both session flags off by default; null or empty clears a URI', () => {
    const none = { backchannelLogoutUri: null, backchannelLogoutSessionRequired: false, frontchannelLogoutUri: null, frontchannelLogoutSessionRequired: false };
    expect(normalize(SERVICE)).toMatchObject(none);
    expect(normalize({ ...SERVICE, backchannel_logout_uri: null, frontchannel_logout_uri: '' })).toMatchObject(none);
  });

  it('keeps valid URIs and the flags as sent', () => {
    expect(normalize({
      ...SERVICE,
      backchannel_logout_uri: 'https://app.example.com/bc?x=1',
      backchannel_logout_session_required: true,
      frontchannel_logout_uri: 'http://localhost:3000/fc',
      frontchannel_logout_session_required: true,
    })).toMatchObject({
      backchannelLogoutUri: 'https://app.example.com/bc?x=1',
      backchannelLogoutSessionRequired: true,
      frontchannelLogoutUri: 'http://localhost:3000/fc',
      frontchannelLogoutSessionRequired: true,
    });
  });

  it('reports each bad URI under its own field', () => {
    expect(refusal(() => normalize({ ...SERVICE, backchannel_logout_uri: 'http://app.example.com/bc', frontchannel_logout_uri: 'https://a.example.com/#f' })).fields).toEqual({
      backchannel_logout_uri: expect.stringContaining('https'),
      frontchannel_logout_uri: 'must not contain a fragment',
    });
  });
});
