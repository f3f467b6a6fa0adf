/** What an upstream says about a person, in our terms; the provider kind decides where each comes from. */
export interface UpstreamProfile {
  /** The provider's own stable identifier for the person: OIDC `sub`, an LDAP entry's UUID. */
  subject: string;
  /** A username for a person created on first sign-in. */
  username?: string;
  email?: string;
  /** Only an upstream's explicit `true` counts (OIDC `email_verified`); LDAP directories are trusted for it. */
  emailVerified?: boolean;
  name?: string;
  givenName?: string;
  familyName?: string;
  /** Upstream group ids or names, as the upstream sends them; mapped through the provider's group_mapping. */
  groups: string[];
}
