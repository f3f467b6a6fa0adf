export interface SigningKeyView {
  kid: string;
  alg: string;
  status: 'next' | 'active' | 'retired';
  created_at: string;
  retired_at: string | null;
  /** When a retired key leaves the JWKS: after every token it signed has expired. */
  expires_at: string | null;
}
