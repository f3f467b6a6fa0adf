import { DEFAULT_PRIMARY_COLOR, isHexColor } from './branding-values';
import type { BrandingInput } from './branding-values';

/** Dark text on a light colour, white on a dark one (WCAG relative luminance). */
function textOn(hex: string): string {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? '#1d2330' : '#ffffff';
}

function logoHost(uri: string | null): string | undefined {
  if (!uri) return undefined;
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' ? url.host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A sketch of the sign-in page with what is typed: the name, where the logo comes from and a button in the
 * primary colour. The console loads no outside images and the custom CSS is not applied here.
 */
export function BrandingPreview({ input }: { input: BrandingInput }) {
  const color = input.primary_color && isHexColor(input.primary_color) ? input.primary_color : DEFAULT_PRIMARY_COLOR;
  const host = logoHost(input.logo_uri);
  return (
    <section className="panel branding-preview" aria-labelledby="branding-preview-title">
      <h2 id="branding-preview-title">Preview</h2>
      <div className="preview-card" data-testid="branding-preview">
        <div className="preview-logo">{host ? `Logo from ${host}` : 'No logo'}</div>
        <p className="preview-name">{input.organization_name || 'Organization name'}</p>
        <span className="preview-button" style={{ background: color, borderColor: color, color: textOn(color) }}>
          Sign in
        </span>
      </div>
      <p className="hint">The logo image and the custom CSS show on the sign-in pages themselves.</p>
    </section>
  );
}
