import { isIP } from 'node:net';
import type { ClientMetadataInput, JwkSet } from '@app/contracts';
import { isPublicAddress } from '../auth/public-address';

/** RFC 7518 §3.1 and RFC 8037: the asymmetric JWS algorithms a private_key_jwt assertion may use. */
export const PRIVATE_KEY_JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
/** RFC 7518 §3.2: the HMAC algorithms a client_secret_jwt assertion may use. */
export const CLIENT_SECRET_JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
/** Every algorithm a client assertion may use (discovery's token_endpoint_auth_signing_alg_values_supported); never none. */
export const CLIENT_ASSERTION_ALGORITHMS = [...PRIVATE_KEY_JWT_ALGORITHMS, ...CLIENT_SECRET_JWT_ALGORITHMS];
export const MAX_JWKS_KEYS = 20;
export const MAX_JWKS_BYTES = 64 * 1024;
/** RFC 7517 §9.3, RFC 7518 §6.2.2, §6.3.2 and §6.4: members that only a private or secret key has. */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const REQUIRED_MEMBERS: Record<string, string[]> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'] };

export interface ClientAuthPolicy {
  /** The algorithms this server can sign JWT introspection answers with (those of ID tokens). */
  introspectionAlgorithms: readonly string[];
  /** JWKS_URI_ALLOW_PRIVATE: development only, a jwks_uri may be http and name a private address. */
  allowPrivateJwksUri: boolean;
}

export interface ClientAuthMetadata {
  introspectionSignedResponseAlg: string;
  jwks: JwkSet | null;
  jwksUri: string | null;
  tokenEndpointAuthSigningAlg: string | null;
}

/** The algorithms a client registered with `method` may sign its assertions with; empty: no assertions. */
export function assertionAlgorithms(method: string): readonly string[] {
  if (method === 'private_key_jwt') return PRIVATE_KEY_JWT_ALGORITHMS;
  if (method === 'client_secret_jwt') return CLIENT_SECRET_JWT_ALGORITHMS;
  return [];
}

/** RFC 9701 §6, RFC 7591 §2 and OIDC Registration §2 metadata of client authentication; problems by field. */
export function clientAuthMetadata(input: ClientMetadataInput, method: string, policy: ClientAuthPolicy, problems: Record<string, string>): ClientAuthMetadata {
  const introspectionAlg = input.introspection_signed_response_alg ?? 'RS256';
  if (!policy.introspectionAlgorithms.includes(introspectionAlg)) {
    problems.introspection_signed_response_alg = `must be one of ${policy.introspectionAlgorithms.join(', ')}`;
  }
  const jwks = input.jwks ?? null;
  const jwksUri = input.jwks_uri || null;
  if (jwks) {
    const problem = jwksProblem(jwks);
    if (problem) problems.jwks = problem;
  }
  if (jwksUri) {
    const problem = jwksUriProblem(jwksUri, policy.allowPrivateJwksUri);
    if (problem) problems.jwks_uri = problem;
  }
  // RFC 7591 §2: jwks and jwks_uri must not both be present; private_key_jwt needs one of them.
  if (jwks && jwksUri) problems.jwks = 'must not be combined with jwks_uri';
  else if (method === 'private_key_jwt' && !jwks && !jwksUri) problems.jwks = 'private_key_jwt requires jwks or jwks_uri';
  else if (method !== 'private_key_jwt' && (jwks || jwksUri)) problems[jwks ? 'jwks' : 'jwks_uri'] = 'is only used with private_key_jwt';

  const signingAlg = input.token_endpoint_auth_signing_alg || null;
  const allowed = assertionAlgorithms(method);
  if (signingAlg && !allowed.includes(signingAlg)) {
    problems.token_endpoint_auth_signing_alg = allowed.length ? `must be one of ${allowed.join(', ')}` : 'is only used with private_key_jwt or client_secret_jwt';
  }
  return { introspectionSignedResponseAlg: introspectionAlg, jwks, jwksUri, tokenEndpointAuthSigningAlg: signingAlg };
}

function jwksProblem(jwks: JwkSet): string | undefined {
  if (typeof jwks !== 'object' || !Array.isArray(jwks.keys) || jwks.keys.length === 0) return 'must be a JWK Set with at least one key';
  if (jwks.keys.length > MAX_JWKS_KEYS) return `must hold at most ${MAX_JWKS_KEYS} keys`;
  if (JSON.stringify(jwks).length > MAX_JWKS_BYTES) return `must be at most ${MAX_JWKS_BYTES} bytes`;
  for (const [index, key] of jwks.keys.entries()) {
    if (typeof key !== 'object' || key === null) return `key ${index} must be a JWK`;
    const leaked = PRIVATE_MEMBERS.find((member) => member in key);
    if (leaked) return `key ${index} must be a public key: remove the private member "${leaked}"`;
    const required = REQUIRED_MEMBERS[String(key.kty)];
    if (!required) return `key ${index} must have kty RSA, EC or OKP`;
    if (required.some((member) => typeof key[member] !== 'string')) return `key ${index} (${String(key.kty)}) needs ${required.join(', ')}`;
  }
  return undefined;
}

function jwksUriProblem(value: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'must be an https URL';
  if (url.username || url.password || url.hash) return 'must not carry credentials or a fragment';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A host name is resolved and checked again at every fetch; a literal address can be refused now.
  if (!allowPrivate && (host === 'localhost' || (isIP(host) && !isPublicAddress(host)))) return 'must not point to a private, loopback or link-local address';
  return undefined;
}
