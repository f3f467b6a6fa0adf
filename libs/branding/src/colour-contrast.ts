/**
 * WCAG 2.2 contrast (§1.4.3, 4.5:1 for text): picks colours derived from a brand's primary colour so the
 * pages stay readable whatever colour an organization chooses.
 */

export const PAGE_BACKGROUND = '#f4f5f7';
export const CARD_BACKGROUND = '#ffffff';
export const MIN_TEXT_CONTRAST = 4.5;

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function format([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG 2.2 relative luminance of an sRGB colour `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parse(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

/** The text colour of a button filled with `background`: white when it reads, else near-black, else black. */
export function buttonTextColor(background: string): string {
  for (const candidate of ['#ffffff', '#111111']) {
    if (contrastRatio(candidate, background) >= MIN_TEXT_CONTRAST) return candidate;
  }
  return '#000000';
}

/**
 * The colour of links and focus rings: the primary colour darkened in 5% steps until it reads on both the
 * page background and the white card. Black, the last step, always does.
 */
export function readableAccent(primary: string): string {
  const start = parse(primary.toLowerCase());
  for (let step = 0; step <= 20; step += 1) {
    const factor = 1 - step * 0.05;
    const candidate = format(start.map((channel) => Math.round(channel * factor)) as Rgb);
    if (contrastRatio(candidate, PAGE_BACKGROUND) >= MIN_TEXT_CONTRAST && contrastRatio(candidate, CARD_BACKGROUND) >= MIN_TEXT_CONTRAST) {
      return candidate;
    }
  }
  return '#000000';
}
