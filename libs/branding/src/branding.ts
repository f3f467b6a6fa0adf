/** What an organization sets to brand the pages; every field but the name is optional. */
export interface Branding {
  organizationName: string;
  /** An https URL; pages show it only when it is https. */
  logoUri: string | null;
  /** `#rrggbb`. */
  primaryColor: string | null;
  customCss: string | null;
}

/** The branding in force: null when none is set (the built-in look). */
export interface CurrentBranding {
  branding: (Branding & { updatedAt: Date }) | null;
  /** Changes whenever the branding does: the brand stylesheet's URL carries it, so browsers refetch. */
  digest: string;
}

export const MAX_ORGANIZATION_NAME_LENGTH = 100;
/** The custom stylesheet's limit: well inside the 64 KiB request body limit with the other fields. */
export const MAX_CUSTOM_CSS_BYTES = 48 * 1024;
export const PRIMARY_COLOR = /^#[0-9a-fA-F]{6}$/;
