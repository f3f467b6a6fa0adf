import {
  createLocalJWKSet,
  type CryptoKey,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWSHeaderParameters,
} from 'jose';
import { VerifierUnavailableError } from './errors';
import { type FetchLike, isJsonObject, requestJson } from './http-client';

export interface JwksCacheOptions {
  /** Resolves the JWKS URL (from configuration or discovery). */
  resolveJwksUri: () => Promise<string>;
  fetch: FetchLike;
  httpTimeoutMs: number;
  /** Minimum milliseconds between two refetches triggered by an unknown `kid`. */
  cooldownMs: number;
  /** Milliseconds after which the key set is refreshed before use. */
  maxAgeMs: number;
  now: () => number;
}

type KeySet = ReturnType<typeof createLocalJWKSet>;

const NO_MATCHING_KEY = 'ERR_JWKS_NO_MATCHING_KEY';
const MAX_FAILURE_BACKOFF_MS = 5_000;

/**
 * Holds the issuer's signing keys. The set is fetched on first use, refreshed when it gets old, and
 * refetched when a token names a `kid` we do not know (key rotation), but never more than once per
 * cool-down window: otherwise tokens with random `kid`s would turn every request into a JWKS fetch.
 * Concurrent fetches are shared, and failed fetches are retried only after a short back-off.
 */
export class JwksCache {
  private keySet: KeySet | undefined;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastFailure: { at: number; error: unknown } | undefined;
  private inFlight: Promise<KeySet> | undefined;

  constructor(private readonly options: JwksCacheOptions) {}

  /** Key resolver in the shape `jwtVerify` expects. */
  readonly getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<CryptoKey> => {
    const keySet = await this.currentKeySet();
    try {
      return await keySet(header, token);
    } catch (error) {
      if (!isNoMatchingKey(error) || !this.refetchAllowed()) throw error;
    }
    const refreshed = await this.refresh();
    return refreshed(header, token);
  };

  private async currentKeySet(): Promise<KeySet> {
    if (this.keySet === undefined) return this.refresh();
    if (this.options.now() - this.fetchedAt < this.options.maxAgeMs) return this.keySet;
    if (this.options.now() - this.lastAttemptAt < this.options.cooldownMs) return this.keySet;
    try {
      return await this.refresh();
    } catch {
      // A stale key set beats none: keep verifying with it until the issuer answers again.
      return this.keySet;
    }
  }

  private refetchAllowed(): boolean {
    return this.inFlight !== undefined || this.options.now() - this.lastAttemptAt >= this.options.cooldownMs;
  }

  private refresh(): Promise<KeySet> {
    if (this.inFlight !== undefined) return this.inFlight;
    // After a failure, wait a little before asking again: an outage must not turn every request into a fetch.
    const lastFailure = this.lastFailure;
    if (lastFailure !== undefined && this.options.now() - lastFailure.at < this.failureBackoffMs()) {
      return Promise.reject(
        new VerifierUnavailableError('JWKS fetch failed recently; waiting before retrying', { cause: lastFailure.error }),
      );
    }
    this.inFlight = this.fetchKeySet()
      .then(
        (keySet) => {
          this.lastFailure = undefined;
          return keySet;
        },
        (error: unknown) => {
          this.lastFailure = { at: this.options.now(), error };
          throw error;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private failureBackoffMs(): number {
    return Math.min(this.options.cooldownMs, MAX_FAILURE_BACKOFF_MS);
  }

  private async fetchKeySet(): Promise<KeySet> {
    this.lastAttemptAt = this.options.now();
    const url = await this.options.resolveJwksUri();
    const { status, body } = await requestJson(
      this.options.fetch,
      url,
      { method: 'GET', headers: { accept: 'application/jwk-set+json, application/json' } },
      this.options.httpTimeoutMs,
    );
    if (status !== 200 || !isJsonObject(body) || !Array.isArray(body['keys'])) {
      throw new VerifierUnavailableError(`JWKS at ${url} answered ${status} without a usable key set`);
    }
    let keySet: KeySet;
    try {
      keySet = createLocalJWKSet(body as unknown as JSONWebKeySet);
    } catch (cause) {
      throw new VerifierUnavailableError(`JWKS at ${url} is malformed`, { cause });
    }
    this.keySet = keySet;
    this.fetchedAt = this.options.now();
    return keySet;
  }
}

function isNoMatchingKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === NO_MATCHING_KEY;
}
