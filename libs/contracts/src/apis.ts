/** `POST /admin/v1/apis`: an API (resource server) and the scopes it defines. */
export interface ApiInput {
  identifier: string;
  name: string;
  scopes?: Array<{ name: string; description?: string }>;
  access_token_ttl?: number | null;
  access_token_format?: 'jwt' | 'opaque';
}

export interface ApiView {
  id: string;
  identifier: string;
  name: string;
  scopes: Array<{ name: string; description: string }>;
  access_token_ttl: number | null;
  access_token_format: 'jwt' | 'opaque';
  /** The API's own credentials, for introspection. */
  client_id: string;
  /** Shown once, when created or rotated. */
  client_secret?: string;
  created_at: string;
  updated_at: string;
}
