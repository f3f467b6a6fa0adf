export interface SigningKeyView {
  kid: string;
  alg: string;
  status: 'next' | 'active' | 'retired';
  /** `tokens`: access tokens and ID tokens in that algorithm; `id_token`: the RS256 key kept for ID tokens. */
  purpose: 'tokens' | 'id_token';
  created_at: string;
  retired_at: string | null;
  /** When a retired key leaves the JWKS: after every token it signed has expired. */
  expires_at: string | null;
}
