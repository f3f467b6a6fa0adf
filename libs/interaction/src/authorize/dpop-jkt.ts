import { InvalidRequest } from '@app/core';

/** A base64url SHA-256 thumbprint (RFC 7638) is 43 characters. */
const THUMBPRINT = /^[A-Za-z0-9_-]{43}$/;

/** RFC 9449 §10: `dpop_jkt` is the JWK SHA-256 thumbprint of the key the client will prove at the token endpoint. */
export function checkedDpopJkt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!THUMBPRINT.test(value)) throw new InvalidRequest('dpop_jkt must be a base64url JWK SHA-256 thumbprint');
  return value;
}
