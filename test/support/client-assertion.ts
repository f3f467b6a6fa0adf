import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export type SigningKey = Parameters<SignJWT['sign']>[0];

export interface AssertionOptions {
  alg?: string;
  kid?: string;
  aud?: string;
  iss?: string;
  exp?: number | 'none';
  jti?: string;
}

/** A client assertion as RFC 7523 §3 describes it, signed by jose; each option bends one claim. */
export function signAssertion(clientId: string, key: SigningKey, options: AssertionOptions & { aud: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ jti: options.jti ?? randomUUID() })
    .setProtectedHeader({ alg: options.alg ?? 'ES256', ...(options.kid ? { kid: options.kid } : {}) })
    .setIssuer(options.iss ?? clientId)
    .setSubject(clientId)
    .setAudience(options.aud)
    .setIssuedAt(now);
  if (options.exp !== 'none') jwt.setExpirationTime(options.exp ?? now + 60);
  return jwt.sign(key);
}
