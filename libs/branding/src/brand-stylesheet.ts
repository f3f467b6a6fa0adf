import { createHash } from 'node:crypto';
import type { Branding } from './branding';
import { buttonTextColor, readableAccent } from './colour-contrast';

/**
 * The stylesheet the pages load after the built-in one: the primary colour as the custom properties the
 * built-in stylesheet reads (with readable text and link colours derived from it), then the
 * organization's own CSS, which may override anything.
 */
export function brandStylesheet(branding: Branding | null): string {
  if (!branding) return '/* built-in look */\n';
  const parts: string[] = [];
  if (branding.primaryColor) {
    const primary = branding.primaryColor.toLowerCase();
    parts.push(`:root {
  --brand-primary: ${primary};
  --brand-on-primary: ${buttonTextColor(primary)};
  --brand-accent: ${readableAccent(primary)};
}`);
  }
  if (branding.customCss) parts.push(branding.customCss);
  return `${parts.join('\n\n')}\n`;
}

/** A short digest of what the pages show of the branding: in the stylesheet's URL, so a change is refetched. */
export function brandingDigest(branding: Branding | null): string {
  const shown = branding ? [branding.organizationName, branding.logoUri, branding.primaryColor, branding.customCss] : null;
  return createHash('sha256').update(JSON.stringify(shown)).digest('base64url').slice(0, 16);
}
