/** `POST /admin/v1/apis`: an API (resource server) and the scopes it defines. */
export interface ApiInput {
  identifier: string;
  name: string;
  scopes?: Array<{ name: string; description?: string }>;
  access_token_ttl?: number | null;
  access_token_format?: 'jwt' | 'opaque';
  /** Names of the groups whose people may get tokens for this API; absent or empty: every person. */
  allowed_groups?: string[];
  /** Clients that may get client_credentials tokens for this API; absent or empty: any client. */
  allowed_clients?: string[];
  /** Ids of the people (with role app-owner) who manage this API. */
  owners?: string[];
  /** RFC 8693 token exchange toward this API: the clients allowed to exchange; absent or empty: none. */
  token_exchange?: ApiTokenExchangePolicy;
}

export interface ApiTokenExchangePolicy {
  allowed_clients: string[];
}

export interface ApiView {
  id: string;
  identifier: string;
  name: string;
  scopes: Array<{ name: string; description: string }>;
  access_token_ttl: number | null;
  access_token_format: 'jwt' | 'opaque';
  allowed_groups: string[];
  allowed_clients: string[];
  owners: string[];
  token_exchange: ApiTokenExchangePolicy;
  /** The API's own credentials, for introspection. */
  client_id: string;
  /** Shown once, when created or rotated. */
  client_secret?: string;
  created_at: string;
  updated_at: string;
}

/** `GET /admin/v1/apis/{id}/clients`: an application holding at least one of the API's scopes. */
export interface ApiClientView {
  client_id: string;
  client_name: string;
  grant_types: string[];
  /** The API's scopes the application holds. */
  scopes: string[];
  /** It may get tokens for the API on its own behalf: it has client_credentials and the API's allowed_clients admit it. */
  client_credentials: boolean;
}
