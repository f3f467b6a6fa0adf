import { DiscoveryClient } from './discovery';
import { VerifierUnavailableError } from './errors';
import { JwksCache } from './jwks-cache';
import type { ResolvedVerifierOptions } from './options';

type EndpointName = 'jwksUri' | 'introspectionEndpoint';

/** The metadata member (RFC 8414 §2) each endpoint comes from, named when the issuer's metadata lacks it. */
const METADATA_MEMBER: Record<EndpointName, string> = { jwksUri: 'jwks_uri', introspectionEndpoint: 'introspection_endpoint' };

/** How a verifier reaches one issuer: its endpoints, configured or discovered, and its cached key set. */
export interface IssuerEndpoints {
  /** The configured endpoint, else the one in the issuer's metadata, else a VerifierUnavailableError. */
  resolve(name: EndpointName): Promise<string>;
  jwks: JwksCache;
}

/**
 * Access and logout token verifiers share this wiring so both discover the issuer, and cache and refresh
 * its keys, under the same options.
 */
export function issuerEndpoints(options: ResolvedVerifierOptions): IssuerEndpoints {
  const discovery = new DiscoveryClient({
    issuer: options.issuer,
    fetch: options.fetch,
    httpTimeoutMs: options.httpTimeoutMs,
    allowInsecureHttp: options.allowInsecureHttp,
  });
  const resolve = async (name: EndpointName): Promise<string> => {
    const configured = options[name];
    if (configured !== undefined) return configured;
    const discovered = (await discovery.getEndpoints())[name];
    if (discovered === undefined) throw new VerifierUnavailableError(`Authorization server metadata has no ${METADATA_MEMBER[name]}`);
    return discovered;
  };
  const jwks = new JwksCache({
    resolveJwksUri: () => resolve('jwksUri'),
    fetch: options.fetch,
    httpTimeoutMs: options.httpTimeoutMs,
    cooldownMs: options.jwksCooldownSeconds * 1000,
    maxAgeMs: options.jwksMaxAgeSeconds * 1000,
    now: options.now,
  });
  return { resolve, jwks };
}
