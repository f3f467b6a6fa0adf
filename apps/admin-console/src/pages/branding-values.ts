import type { BrandingView } from '@app/contracts';

/** The branding form's text, as typed. */
export interface BrandingForm {
  organization_name: string;
  logo_uri: string;
  primary_color: string;
  custom_css: string;
}

/** `PUT /admin/v1/branding`: a name is required; an empty logo, colour or CSS is sent as null (the default). */
export interface BrandingInput {
  organization_name: string;
  logo_uri: string | null;
  primary_color: string | null;
  custom_css: string | null;
}

export const NAME_MAX_LENGTH = 100;
/** Custom CSS may be up to 48 KiB, counted in UTF-8 bytes. */
export const CSS_MAX_BYTES = 48 * 1024;
/** The sign-in pages' own button colour, shown while no primary colour is set. */
export const DEFAULT_PRIMARY_COLOR = '#2f64d6';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

export function toBrandingForm(view?: BrandingView): BrandingForm {
  return {
    organization_name: view?.organization_name ?? '',
    logo_uri: view?.logo_uri ?? '',
    primary_color: view?.primary_color ?? '',
    custom_css: view?.custom_css ?? '',
  };
}

const orNull = (text: string): string | null => (text === '' ? null : text);

export function toBrandingInput(form: BrandingForm): BrandingInput {
  const color = form.primary_color.trim().toLowerCase();
  return {
    organization_name: form.organization_name.trim(),
    logo_uri: orNull(form.logo_uri.trim()),
    primary_color: orNull(color),
    custom_css: form.custom_css.trim() === '' ? null : form.custom_css,
  };
}

/** Whether nothing is customised: the sign-in pages use their built-in look. */
export function isDefaultBranding(view: BrandingView): boolean {
  return view.organization_name === null && view.logo_uri === null && view.primary_color === null && view.custom_css === null;
}

export function isHexColor(text: string): boolean {
  return HEX_COLOR.test(text.trim());
}

/** The UTF-8 size of a text, as the server counts the CSS limit. */
export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** `1.5 KiB`, `512 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const kib = bytes / 1024;
  return `${kib >= 10 ? kib.toFixed(0) : kib.toFixed(1)} KiB`;
}

function logoProblem(uri: string | null): string | undefined {
  if (uri === null) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'Enter a full URL, such as https://example.com/logo.svg.';
  }
  return url.protocol === 'https:' ? undefined : 'The logo must be served over https.';
}

/**
 * What the admin API would refuse in this input, by field name, checked before it is sent; the API checks
 * again, and its messages are shown the same way.
 */
export function brandingProblems(input: BrandingInput): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.organization_name === '') problems.organization_name = 'Enter the organization name.';
  else if (input.organization_name.length > NAME_MAX_LENGTH) problems.organization_name = `Use at most ${NAME_MAX_LENGTH} characters (now ${input.organization_name.length}).`;
  const logo = logoProblem(input.logo_uri);
  if (logo) problems.logo_uri = logo;
  if (input.primary_color !== null && !isHexColor(input.primary_color)) problems.primary_color = 'Use a hex colour of six digits, such as #1f6feb.';
  if (input.custom_css !== null) {
    const size = byteLength(input.custom_css);
    if (size > CSS_MAX_BYTES) problems.custom_css = `The CSS is ${size} bytes; the limit is ${CSS_MAX_BYTES} bytes (${formatSize(CSS_MAX_BYTES)}).`;
  }
  return problems;
}
