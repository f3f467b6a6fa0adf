import { useMemo } from 'react';
import type { Discovery } from './auth';
import { useSession } from './session';

export const GRANT = {
  code: 'authorization_code',
  refresh: 'refresh_token',
  clientCredentials: 'client_credentials',
  device: 'urn:ietf:params:oauth:grant-type:device_code',
  /** Not listed with the grants: its own legacy sign-in option (ApplicationImplicitFields). */
  implicit: 'implicit',
} as const;

/** The grants the console knows, in the order it lists them. */
const KNOWN_GRANTS: readonly { grant: string; label: string }[] = [
  { grant: GRANT.code, label: 'Authorization code' },
  { grant: GRANT.refresh, label: 'Refresh token' },
  { grant: GRANT.clientCredentials, label: 'Client credentials' },
  { grant: GRANT.device, label: 'Device code' },
];

/** RFC 8414 §2: a server that does not publish `grant_types_supported` supports these. */
const UNPUBLISHED_DEFAULT = ['authorization_code', 'implicit'];

/** A grant's name for people; one the console does not know is shown as the server names it. */
export function grantLabel(grant: string): string {
  return KNOWN_GRANTS.find((known) => known.grant === grant)?.label ?? grant;
}

/** Each grant once: the known ones in the console's order, then the others in the order given. */
export function inDisplayOrder(grants: readonly string[]): string[] {
  const known = KNOWN_GRANTS.map((known) => known.grant).filter((grant) => grants.includes(grant));
  return [...new Set([...known, ...grants])];
}

/** The grant types the server supports, read from its discovery document. */
export function supportedGrantTypes(discovery: Discovery): string[] {
  const published = discovery.grant_types_supported;
  if (!Array.isArray(published)) return UNPUBLISHED_DEFAULT;
  return inDisplayOrder(published.filter((grant): grant is string => typeof grant === 'string'));
}

/** The signed-in server's supported grant types, in display order. */
export function useSupportedGrants(): string[] {
  const { discovery } = useSession();
  return useMemo(() => supportedGrantTypes(discovery), [discovery]);
}
