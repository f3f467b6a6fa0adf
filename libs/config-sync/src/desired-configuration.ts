import type { NormalizedClientMetadata } from '@app/clients';
import type { ApiScope } from '@app/clients';
import type { ConfigDocument } from './config-document';

/** A document checked and resolved against the server: what apply writes, and the shape plan compares. */
export interface DesiredConfiguration {
  /** In the shape an export prints, to compare with the live one. */
  document: ConfigDocument;
  /** `kind:key` of the objects whose document brings a new secret. */
  newSecrets: Set<string>;
  applications: Map<string, DesiredApplication>;
  apis: Map<string, DesiredApi>;
  groups: Map<string, DesiredGroup>;
  /** Admin role -> ids of the people who hold it. */
  roles: Map<string, Set<string>>;
  providers: Map<string, DesiredProvider>;
}

export interface DesiredApplication {
  clientId: string;
  metadata: NormalizedClientMetadata;
  /** A new secret to store (hashed); undefined: keep the stored one, or none for clients without one. */
  secret?: string;
}

export interface DesiredApi {
  identifier: string;
  name: string;
  scopes: ApiScope[];
  accessTokenTtl: number | null;
  accessTokenFormat: 'jwt' | 'opaque';
  allowedGroups: string[];
  allowedClients: string[];
  owners: string[];
  tokenExchangeAllowedClients: string[];
}

export interface DesiredGroup {
  name: string;
  description: string;
  requireMfa: boolean;
  requirePhishingResistant: boolean;
  parents: string[];
}

export interface DesiredProvider {
  name: string;
  type: 'oidc' | 'ldap';
  displayName: string;
  enabled: boolean;
  config: object;
  /** A new secret to store (sealed); undefined: keep the stored one. */
  secret?: string;
}
