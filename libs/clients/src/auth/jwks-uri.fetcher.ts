import { Injectable } from '@nestjs/common';
import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { createLocalJWKSet, JSONWebKeySet } from 'jose';
import { AppConfig, Clock } from '@app/core';
import { MAX_JWKS_BYTES, MAX_JWKS_KEYS, PRIVATE_MEMBERS } from '../registration/client-auth-rules';
import { isPublicAddress } from './public-address';

const FETCH_TIMEOUT_MS = 5000;
/** A fetched set is used this long before it is fetched again. */
const CACHE_MS = 5 * 60_000;
/** A key id the cached set lacks triggers a fresh fetch, at most this often per URI (key rotation). */
const REFETCH_MIN_MS = 60_000;
const MAX_CACHED_URIS = 1000;

/** The jwks_uri could not be fetched, or did not answer with a JWK Set. The message is for the log. */
export class JwksFetchError extends Error {
  override name = 'JwksFetchError';
}

/** A key set jwtVerify can take; it keeps the keys it has imported, so it is built once per fetched set. */
export type LocalKeySet = ReturnType<typeof createLocalJWKSet>;

interface FetchedSet {
  jwks: JSONWebKeySet;
  keys: LocalKeySet;
}

interface CachedSet extends FetchedSet {
  fetchedAt: number;
}

/**
 * Fetches the JWK Sets of private_key_jwt clients from their jwks_uri (RFC 7591 §2). The URL comes from a
 * client, so the fetch is kept from reaching our own network (SSRF): https only, the address actually
 * connected to must be public (checked in the socket's DNS lookup, so a second resolution cannot swap it),
 * no redirects, a size and a time limit. JWKS_URI_ALLOW_PRIVATE lifts the address and https rules for
 * development.
 */
@Injectable()
export class JwksUriFetcher {
  private readonly cache = new Map<string, CachedSet>();
  /** One fetch per URI at a time: assertions arriving together share it. */
  private readonly inFlight = new Map<string, Promise<FetchedSet>>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The set for `uri`, from the cache while fresh; `stale: true` asks for a refetch unless one was just made. */
  async keySet(uri: string, options: { stale?: boolean } = {}): Promise<JSONWebKeySet> {
    return (await this.entry(uri, options)).jwks;
  }

  /** The same set, built for jwtVerify; `options` as for keySet. */
  async localKeySet(uri: string, options: { stale?: boolean } = {}): Promise<LocalKeySet> {
    return (await this.entry(uri, options)).keys;
  }

  private async entry(uri: string, options: { stale?: boolean }): Promise<FetchedSet> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(uri);
    const maxAge = options.stale ? REFETCH_MIN_MS : CACHE_MS;
    if (cached && now - cached.fetchedAt < maxAge) return cached;
    let pending = this.inFlight.get(uri);
    if (!pending) {
      pending = this.fetch(uri)
        .then((jwks) => ({ jwks, keys: createLocalJWKSet(jwks) }))
        .finally(() => this.inFlight.delete(uri));
      this.inFlight.set(uri, pending);
    }
    const fetched = await pending;
    if (this.cache.size >= MAX_CACHED_URIS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(uri, { ...fetched, fetchedAt: now });
    return fetched;
  }

  /** True when a stale refetch of `uri` would go to the network now. */
  mayRefetch(uri: string): boolean {
    const cached = this.cache.get(uri);
    return !cached || this.clock.now().getTime() - cached.fetchedAt >= REFETCH_MIN_MS;
  }

  private async fetch(uri: string): Promise<JSONWebKeySet> {
    const url = this.checkedUrl(uri);
    const body = await this.get(url);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new JwksFetchError(`${uri} did not answer with JSON`);
    }
    const keys = (parsed as { keys?: unknown })?.keys;
    if (!Array.isArray(keys) || keys.length > MAX_JWKS_KEYS) throw new JwksFetchError(`${uri} did not answer with a JWK Set of at most ${MAX_JWKS_KEYS} keys`);
    // A published private key is not used as a verification key.
    return { keys: keys.filter((key) => typeof key === 'object' && key !== null && !PRIVATE_MEMBERS.some((member) => member in key)) };
  }

  private checkedUrl(uri: string): URL {
    const allowPrivate = this.config.jwksUriAllowPrivate;
    const url = new URL(uri);
    if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new JwksFetchError(`${uri} is not https`);
    // A literal address is connected to without a lookup, so it is checked here.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivate && isIP(host) && !isPublicAddress(host)) throw new JwksFetchError(`${uri} names a non-public address`);
    return url;
  }

  private get(url: URL): Promise<string> {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(url, {
        method: 'GET',
        headers: { accept: 'application/jwk-set+json, application/json' },
        lookup: publicOnlyLookup(this.config.jwksUriAllowPrivate),
        agent: false,
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      outgoing.on('response', (response) => readBody(url, response).then(resolve, reject));
      outgoing.on('error', (error) => reject(new JwksFetchError(`${url.href}: ${error.message}`)));
      outgoing.end();
    });
  }
}

/** A DNS lookup for the socket that fails when the host resolves to a non-public address. */
function publicOnlyLookup(allowPrivate: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, options, (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address, family);
      const addresses = typeof address === 'string' ? [address] : address.map((entry) => entry.address);
      const blocked = allowPrivate ? undefined : addresses.find((candidate) => !isPublicAddress(candidate));
      if (blocked) return callback(new JwksFetchError(`${hostname} resolves to the non-public address ${blocked}`), address, family);
      callback(null, address, family);
    });
  };
}

function readBody(url: URL, response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    // No redirects: a 3xx could point anywhere, so only a direct 200 counts.
    if (response.statusCode !== 200) {
      response.resume();
      return reject(new JwksFetchError(`${url.href} answered ${response.statusCode}`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JWKS_BYTES) {
        response.destroy();
        reject(new JwksFetchError(`${url.href} answered more than ${MAX_JWKS_BYTES} bytes`));
      } else {
        chunks.push(chunk);
      }
    });
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', (error) => reject(new JwksFetchError(`${url.href}: ${error.message}`)));
  });
}
