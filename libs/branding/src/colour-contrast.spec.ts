import { buttonTextColor, CARD_BACKGROUND, contrastRatio, PAGE_BACKGROUND, readableAccent, relativeLuminance } from './colour-contrast';

describe('colour contrast', () => {
  it('computes WCAG relative luminance at the ends and for a mid grey', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    // sRGB 0x77 = 119: ((119/255 + 0.055) / 1.055) ^ 2.4
    expect(relativeLuminance('#777777')).toBeCloseTo(0.184, 3);
  });

  it('gives 21:1 for black on white and 1:1 for a colour on itself, in either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#2f64d6', '#2f64d6')).toBe(1);
  });

  it('writes white on a dark button, near-black on a light one', () => {
    expect(buttonTextColor('#1a237e')).toBe('#ffffff');
    expect(buttonTextColor('#ffeb3b')).toBe('#111111');
    expect(buttonTextColor('#ffffff')).toBe('#111111');
  });

  it('falls back to black when neither white nor near-black reaches 4.5:1', () => {
    // A mid grey where white (4.48:1) and #111111 (4.2:1) fall short while black (4.7:1) passes.
    const background = '#777777';
    expect(contrastRatio('#ffffff', background)).toBeLessThan(4.5);
    expect(contrastRatio('#111111', background)).toBeLessThan(4.5);
    expect(buttonTextColor(background)).toBe('#000000');
    for (let grey = 0; grey <= 255; grey += 1) {
      const hex = `#${grey.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(buttonTextColor(hex), hex)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps a dark enough primary colour as the link colour', () => {
    expect(readableAccent('#1a237e')).toBe('#1a237e');
  });

  it('darkens a light primary colour until links read on the page and on the card', () => {
    const accent = readableAccent('#ffeb3b');
    expect(accent).not.toBe('#ffeb3b');
    expect(contrastRatio(accent, PAGE_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(accent, CARD_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    expect(readableAccent('#FFFFFF')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
