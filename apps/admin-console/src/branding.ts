/**
 * `GET|PUT /admin/v1/branding`: the organization's name, logo, primary colour and custom CSS shown on the
 * sign-in pages; every field null means the built-in defaults. Kept here, in one place, until the shared
 * contracts export the same type.
 */
export interface BrandingView {
  organization_name: string | null;
  logo_uri: string | null;
  /** `#rrggbb`. */
  primary_color: string | null;
  custom_css: string | null;
  updated_at: string | null;
}
