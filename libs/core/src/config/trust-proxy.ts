import { isIP } from 'node:net';
import { ConfigError } from './config-error';

/**
 * Which peers may tell us the client's address, protocol and host (X-Forwarded-For, -Proto, -Host):
 * nobody (`false`), everybody (`true`), the nearest `hops` peers whoever they are, or the peers at the
 * listed addresses and networks.
 */
export type TrustProxy = boolean | { hops: number } | { addresses: readonly string[] };

/** Names of address ranges, as Fastify's `trustProxy` (proxy-addr) understands them. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const MAX_HOPS = 32;

/**
 * TRUST_PROXY: unset or `false` trusts no one, `true` every peer, a whole number that many hops, and
 * anything else is a comma-separated list of addresses, CIDR networks or range names. A typo must stop
 * the server rather than silently trust the wrong peer or none.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text.toLowerCase() === 'false') return false;
  if (text.toLowerCase() === 'true') return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > MAX_HOPS) throw new ConfigError('TRUST_PROXY', `hop count must be between 1 and ${MAX_HOPS}, got ${hops}`);
    return { hops };
  }
  const addresses = text.split(',').map((entry) => entry.trim());
  const invalid = addresses.find((entry) => !isTrustEntry(entry));
  if (invalid !== undefined) {
    throw new ConfigError('TRUST_PROXY', `must be true, false, a hop count, or a comma-separated list of addresses, CIDR networks, loopback, linklocal or uniquelocal; "${invalid}" is none of these`);
  }
  return { addresses };
}

function isTrustEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
