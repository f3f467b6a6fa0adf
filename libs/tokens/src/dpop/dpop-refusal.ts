import { OAuthError } from '@app/core';
import { DPOP_ALGORITHMS } from '@meridian-auth/resource-server';

/** Where a proof was presented: the token endpoint answers RFC 6749 §5.2 JSON, a resource a 401 challenge. */
export type DpopEndpoint = 'token' | 'resource';

const ALGS = DPOP_ALGORITHMS.join(' ');

/** RFC 9449 §7.1: a protected resource's refusal, with the DPoP scheme and the algorithms it accepts. */
class ResourceRefusal extends OAuthError {
  override readonly status = 401;
}

/**
 * RFC 9449 §5 (invalid_dpop_proof at the token endpoint), §7.1 (the same in a DPoP challenge at a
 * resource) and §8 (use_dpop_nonce, with the nonce to use in the DPoP-Nonce header).
 */
export function dpopRefusal(at: DpopEndpoint, reason: string, nonce?: string): OAuthError {
  const code = nonce === undefined ? 'invalid_dpop_proof' : 'use_dpop_nonce';
  const description = nonce === undefined ? 'The DPoP proof is invalid' : 'Resend the request with the DPoP nonce given';
  const error = at === 'token' ? new OAuthError(code, description, reason) : new ResourceRefusal(code, description, reason);
  if (at === 'resource') error.withHeader('WWW-Authenticate', dpopChallenge(code, description));
  if (nonce !== undefined) error.withHeader('DPoP-Nonce', nonce);
  return error;
}

/** RFC 9449 §7.1: a resource's challenge without an error, to a request that brought no usable token. */
export function dpopChallenge(error: string, description: string): string {
  return `DPoP error="${error}", error_description="${description}", algs="${ALGS}"`;
}
