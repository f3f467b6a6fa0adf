import { OAuthError } from '@app/core';
import { aClient } from '../../../../test/support/fixtures';
import { checkImplicitSignIn, errorResponseMode, parseResponseShape } from './response-type';

const codeClient = aClient();
const implicitClient = aClient({ grantTypes: ['implicit'], responseTypes: ['id_token'] });

function errorOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof OAuthError) return error.code;
    throw error;
  }
  throw new Error('the request was accepted');
}

describe(parseResponseShape.name, () => {
  it('OAuth 2.0 Multiple Response Types §2.1: query for a code, fragment for an ID Token by default', () => {
    expect(parseResponseShape('code', undefined, codeClient)).toEqual({ responseType: 'code', responseMode: 'query' });
    expect(parseResponseShape('id_token', undefined, implicitClient)).toEqual({ responseType: 'id_token', responseMode: 'fragment' });
  });

  it('accepts an explicit query, fragment or form_post where allowed', () => {
    expect(parseResponseShape('code', 'form_post', codeClient).responseMode).toBe('form_post');
    expect(parseResponseShape('code', 'fragment', codeClient).responseMode).toBe('fragment');
    expect(parseResponseShape('id_token', 'form_post', implicitClient).responseMode).toBe('form_post');
  });

  it.each(['token', 'id_token token', 'token id_token', 'code id_token', 'code token', 'code id_token token', 'none', 'device'])(
    'RFC 9700 §2.1.2: %s is unsupported_response_type',
    (responseType) => {
      expect(errorOf(() => parseResponseShape(responseType, undefined, implicitClient))).toBe('unsupported_response_type');
    },
  );

  it('each response type only for clients registered for it (unauthorized_client)', () => {
    expect(errorOf(() => parseResponseShape('id_token', undefined, codeClient))).toBe('unauthorized_client');
    expect(errorOf(() => parseResponseShape('code', undefined, implicitClient))).toBe('unauthorized_client');
    // The grant alone is not enough: the response type must be registered too (RFC 7591 §2.1).
    expect(errorOf(() => parseResponseShape('id_token', undefined, aClient({ grantTypes: ['implicit'], responseTypes: [] })))).toBe('unauthorized_client');
  });

  it('refuses a missing response_type, an unknown mode, and query for an ID Token (invalid_request)', () => {
    expect(errorOf(() => parseResponseShape(undefined, undefined, codeClient))).toBe('invalid_request');
    expect(errorOf(() => parseResponseShape('code', 'web_message', codeClient))).toBe('invalid_request');
    expect(errorOf(() => parseResponseShape('id_token', 'query', implicitClient))).toBe('invalid_request');
  });
});

describe(checkImplicitSignIn.name, () => {
  it('OIDC Core §3.2.2.1: needs openid and a nonce; a resource has no access token to go to', () => {
    expect(() => checkImplicitSignIn(['openid'], 'n', undefined)).not.toThrow();
    expect(errorOf(() => checkImplicitSignIn(['profile'], 'n', undefined))).toBe('invalid_request');
    expect(errorOf(() => checkImplicitSignIn(['openid'], undefined, undefined))).toBe('invalid_request');
    expect(errorOf(() => checkImplicitSignIn(['openid'], 'n', 'https://api.example.com'))).toBe('invalid_request');
  });
});

describe(errorResponseMode.name, () => {
  it.each([
    ['code', undefined, 'query'],
    ['code', 'form_post', 'form_post'],
    ['code', 'fragment', 'fragment'],
    ['id_token', undefined, 'fragment'],
    ['id_token', 'query', 'fragment'],
    ['token', undefined, 'fragment'],
    ['id_token token', 'form_post', 'form_post'],
    [undefined, 'web_message', 'query'],
    [['code', 'code'], undefined, 'query'],
  ])('response_type %p with response_mode %p errs in %s', (responseType, responseMode, expected) => {
    expect(errorResponseMode(responseType, responseMode)).toBe(expected);
  });
});
