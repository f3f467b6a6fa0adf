import { VerifierUnavailableError } from './errors';
import { type FetchLike, isJsonObject, requestJson } from './http-client';
import { assertSafeUrl } from './options';

export interface AuthorizationServerEndpoints {
  jwksUri: string | undefined;
  introspectionEndpoint: string | undefined;
}

export interface DiscoveryClientOptions {
  issuer: string;
  fetch: FetchLike;
  httpTimeoutMs: number;
  allowInsecureHttp: boolean;
}

/**
 * Fetches the authorization server metadata once, lazily, and caches it. Failures are not cached,
 * and concurrent callers share one request.
 */
export class DiscoveryClient {
  private endpoints: AuthorizationServerEndpoints | undefined;
  private inFlight: Promise<AuthorizationServerEndpoints> | undefined;

  constructor(private readonly options: DiscoveryClientOptions) {}

  async getEndpoints(): Promise<AuthorizationServerEndpoints> {
    if (this.endpoints !== undefined) return this.endpoints;
    this.inFlight ??= this.discover().finally(() => {
      this.inFlight = undefined;
    });
    this.endpoints = await this.inFlight;
    return this.endpoints;
  }

  private async discover(): Promise<AuthorizationServerEndpoints> {
    const base = this.options.issuer.replace(/\/$/, '');
    // OpenID Connect Discovery 1.0 §4 first, then RFC 8414 §3 metadata.
    const urls = [`${base}/.well-known/openid-configuration`, `${base}/.well-known/oauth-authorization-server`];
    const failures: string[] = [];
    for (const url of urls) {
      const { status, body } = await requestJson(
        this.options.fetch,
        url,
        { method: 'GET', headers: { accept: 'application/json' } },
        this.options.httpTimeoutMs,
      );
      if (status === 200 && isJsonObject(body)) return this.parse(body);
      failures.push(`${url} answered ${status}`);
    }
    throw new VerifierUnavailableError(`Authorization server metadata unavailable: ${failures.join('; ')}`);
  }

  private parse(metadata: Record<string, unknown>): AuthorizationServerEndpoints {
    // RFC 8414 §3.3 / OIDC Discovery §4.3: the issuer in the metadata must be identical to the configured one.
    if (metadata['issuer'] !== this.options.issuer) {
      throw new VerifierUnavailableError(
        `Metadata issuer ${JSON.stringify(metadata['issuer'])} does not match ${this.options.issuer}`,
      );
    }
    return {
      jwksUri: this.endpoint(metadata, 'jwks_uri'),
      introspectionEndpoint: this.endpoint(metadata, 'introspection_endpoint'),
    };
  }

  private endpoint(metadata: Record<string, unknown>, name: string): string | undefined {
    const value = metadata[name];
    if (value === undefined) return undefined;
    try {
      if (typeof value !== 'string') throw new TypeError(`${name} is not a string`);
      assertSafeUrl(name, value, this.options.allowInsecureHttp);
    } catch (cause) {
      throw new VerifierUnavailableError(`Metadata ${name} is not a usable URL`, { cause });
    }
    return value;
  }
}
