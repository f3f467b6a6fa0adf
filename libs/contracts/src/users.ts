/** `POST /admin/v1/users`: the person can sign in at once with this password. */
export interface CreateUserInput {
  username: string;
  password: string;
  email?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  roles?: string[];
  email_verified?: boolean;
  /** Names of the groups the person is put in, in the same transaction. */
  groups?: string[];
}

/** `PATCH /admin/v1/users/:id`: only the fields sent change. */
export interface UpdateUserInput {
  username?: string;
  email?: string | null;
  name?: string | null;
  given_name?: string | null;
  family_name?: string | null;
  roles?: string[];
  email_verified?: boolean;
  disabled?: boolean;
}

export interface SetPasswordInput {
  password: string;
}

/** A person as the admin API returns it; the password hash never leaves the server. */
export interface UserView {
  id: string;
  username: string;
  email: string | null;
  email_verified: boolean;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  roles: string[];
  disabled: boolean;
  /** Until when sign-in is refused after too many failed attempts (ISO 8601); null when not locked. */
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

/** A person's sign-in factor, as `GET /admin/v1/users/:id/factors` lists it (no key material). */
export interface PersonFactorView {
  id: string;
  type: 'passkey' | 'totp';
  label: string;
  created_at: string;
  last_used_at: string | null;
}

/** `GET /admin/v1/users/:id/factors`. */
export interface PersonFactorsView {
  items: PersonFactorView[];
  /** Unused recovery codes the person holds. */
  recovery_codes_remaining: number;
}

export interface ConsentView {
  client_id: string;
  scopes: string[];
  created_at: string;
  updated_at: string;
}

/** An app a session signed in to. */
export interface SessionAppView {
  client_id: string;
  /** Null when the app has been deleted since. */
  client_name: string | null;
  /** The session's first sign-in to the app. */
  first_at: string;
}

/** A live sign-in session of a person (`GET /admin/v1/users/{id}/sessions`). */
export interface SessionView {
  /** The session's id, the OIDC `sid`. */
  id: string;
  started_at: string;
  /** When the session was last used, to within five minutes. */
  last_seen_at: string;
  expires_at: string;
  /** The address and browser the session was started from, as they said. */
  ip: string | null;
  user_agent: string | null;
  /** The level (`pwd`, `mfa`, `phr`) and RFC 8176 methods the person proved in this session. */
  acr: string;
  amr: string[];
  apps: SessionAppView[];
}
