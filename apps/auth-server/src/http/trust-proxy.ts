import type { FastifyServerOptions } from 'fastify';
import type { TrustProxy } from '@app/core';

/**
 * TRUST_PROXY as Fastify's `trustProxy`, which `request.ip`, `request.protocol` and `request.host` then
 * honour: X-Forwarded-* from any other peer is ignored. Fastify reads a bare hop count as "trust no one",
 * so a count becomes a function trusting the nearest `hops` peers (index 0 is the socket's peer).
 */
export function fastifyTrustProxy(setting: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof setting === 'boolean') return setting;
  if ('hops' in setting) return (_address: string, hop: number) => hop < setting.hops;
  return [...setting.addresses];
}
