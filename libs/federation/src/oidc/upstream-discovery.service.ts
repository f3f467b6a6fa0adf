import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTVerifyGetKey } from 'jose';
import { Metrics } from '@app/core';
import { UpstreamFailed } from './upstream-failed';

/** The parts of an upstream's discovery document (OIDC Discovery 1.0 §3) we use. */
export interface UpstreamMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  userinfo_endpoint?: string;
  id_token_signing_alg_values_supported?: string[];
  authorization_response_iss_parameter_supported?: boolean;
}

export interface DiscoveredUpstream {
  metadata: UpstreamMetadata;
  keys: JWTVerifyGetKey;
}

/** Calls to an upstream give up after this long, so a hung upstream cannot hold a person's page. */
export const UPSTREAM_TIMEOUT_MS = 10_000;
const CACHE_MS = 5 * 60_000;

/** Upstream discovery documents and key sets, fetched on demand and kept a few minutes. */
@Injectable()
export class UpstreamDiscovery {
  private readonly cache = new Map<string, { at: number; upstream: DiscoveredUpstream }>();

  constructor(private readonly metrics: Metrics) {}

  async discover(issuer: string, providerName: string): Promise<DiscoveredUpstream> {
    const cached = this.cache.get(issuer);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.upstream;
    const metadata = await this.fetchMetadata(issuer, providerName);
    const upstream = { metadata, keys: createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: UPSTREAM_TIMEOUT_MS, cooldownDuration: 30_000 }) };
    this.cache.set(issuer, { at: Date.now(), upstream });
    return upstream;
  }

  /** What is known already, without asking the upstream (for pages that must not wait on it). */
  known(issuer: string): UpstreamMetadata | undefined {
    const cached = this.cache.get(issuer);
    return cached && Date.now() - cached.at < CACHE_MS ? cached.upstream.metadata : undefined;
  }

  /** Forgets what was fetched, so the next sign-in asks the upstream again (after a failure). */
  forget(issuer: string): void {
    this.cache.delete(issuer);
  }

  private async fetchMetadata(issuer: string, providerName: string): Promise<UpstreamMetadata> {
    const url = `${issuer}/.well-known/openid-configuration`;
    let body: unknown;
    try {
      const response = await this.metrics.timeUpstream('oidc', () => fetch(url, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) }), (answer) => !answer.ok);
      if (!response.ok) throw new Error(`discovery answered ${response.status}`);
      body = await response.json();
    } catch (error) {
      throw new UpstreamFailed('unreachable', providerName, 'could not be reached', `${url}: ${(error as Error).message}`);
    }
    const metadata = body as Partial<UpstreamMetadata> | null;
    // OIDC Discovery §4.3: the issuer in the document must be the one it was fetched for.
    if (!metadata || typeof metadata !== 'object' || metadata.issuer !== issuer) {
      throw new UpstreamFailed('invalid-response', providerName, 'answered with a configuration for another issuer', `discovery issuer ${String(metadata?.issuer).slice(0, 200)}`);
    }
    for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      if (!isHttpUrl(metadata[field])) throw new UpstreamFailed('invalid-response', providerName, 'answered with an incomplete configuration', `discovery ${field} missing or not a URL`);
    }
    if (metadata.userinfo_endpoint !== undefined && !isHttpUrl(metadata.userinfo_endpoint)) delete metadata.userinfo_endpoint;
    return metadata as UpstreamMetadata;
  }
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
