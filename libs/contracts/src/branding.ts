/** `PUT /admin/v1/branding`: the whole branding at once; a field left out or null is unset. */
export interface BrandingInput {
  /** 1 to 100 characters; shown in every page's header and title. */
  organization_name: string;
  /** An https URL of the logo shown in the pages' header. */
  logo_uri?: string | null;
  /** `#rrggbb`: buttons, links and focus rings (text colours are derived to stay readable). */
  primary_color?: string | null;
  /** A stylesheet (at most 48 KiB) loaded after the built-in one. */
  custom_css?: string | null;
}

/** `GET /admin/v1/branding`: every field null when no branding is set (the built-in look). */
export interface BrandingView {
  organization_name: string | null;
  logo_uri: string | null;
  primary_color: string | null;
  custom_css: string | null;
  /** ISO 8601; null when no branding is set. */
  updated_at: string | null;
}
