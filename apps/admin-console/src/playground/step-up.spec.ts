/// <reference types="jest" />
import { bearerParams, stepUpOf } from './step-up';

describe(stepUpOf.name, () => {
  it('RFC 9470 §3: reads acr_values and max_age of an insufficient_user_authentication challenge', () => {
    const header = 'Bearer realm="orders", error="insufficient_user_authentication", error_description="A stronger authentication is required", acr_values="mfa phr", max_age="900"';
    expect(stepUpOf(401, header)).toEqual({ errorDescription: 'A stronger authentication is required', acrValues: 'mfa phr', maxAge: '900' });
  });

  it('accepts token-form values (RFC 9110 §11.2)', () => {
    expect(stepUpOf(401, 'Bearer error=insufficient_user_authentication, max_age=300')).toEqual({ errorDescription: undefined, acrValues: undefined, maxAge: '300' });
  });

  it('is undefined for any other answer', () => {
    expect(stepUpOf(401, 'Bearer realm="orders", error="invalid_token"')).toBeUndefined();
    expect(stepUpOf(403, 'Bearer error="insufficient_user_authentication"')).toBeUndefined();
    expect(stepUpOf(401, null)).toBeUndefined();
  });
});

describe(bearerParams.name, () => {
  it('keeps commas and escaped quotes inside quoted values, and the first of a repeated name', () => {
    expect(bearerParams('Bearer error_description="a, \\"b\\"", error="x", error="y"')).toEqual({ error_description: 'a, "b"', error: 'x' });
  });
});
