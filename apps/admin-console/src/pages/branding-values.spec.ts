/// <reference types="jest" />
import { brandingProblems, byteLength, CSS_MAX_BYTES, formatSize, isDefaultBranding, toBrandingForm, toBrandingInput } from './branding-values';
import type { BrandingInput } from './branding-values';

const valid: BrandingInput = { organization_name: 'Example Corp', logo_uri: 'https://cdn.example.com/logo.svg', primary_color: '#0a7d5c', custom_css: 'body { margin: 0 }' };

describe(brandingProblems.name, () => {
  it('accepts what the admin API accepts, the defaults (null) included', () => {
    expect(brandingProblems(valid)).toEqual({});
    expect(brandingProblems({ organization_name: 'X', logo_uri: null, primary_color: null, custom_css: null })).toEqual({});
    expect(brandingProblems({ ...valid, organization_name: 'n'.repeat(100), primary_color: '#ABCDEF' })).toEqual({});
  });

  it('requires a name of 1 to 100 characters', () => {
    expect(brandingProblems({ ...valid, organization_name: '' })).toEqual({ organization_name: 'Enter the organization name.' });
    expect(brandingProblems({ ...valid, organization_name: 'n'.repeat(101) }).organization_name).toMatch(/at most 100 characters/);
  });

  it('takes only an absolute https logo URL', () => {
    expect(brandingProblems({ ...valid, logo_uri: 'http://cdn.example.com/logo.svg' })).toEqual({ logo_uri: 'The logo must be served over https.' });
    expect(brandingProblems({ ...valid, logo_uri: '/logo.svg' }).logo_uri).toMatch(/full URL/);
    expect(brandingProblems({ ...valid, logo_uri: 'javascript:alert(1)' }).logo_uri).toBe('The logo must be served over https.');
  });

  it('takes only a six-digit hex colour', () => {
    for (const color of ['#fff', 'red', '0a7d5c', '#0a7d5cff', '#0a7d5g']) {
      expect(brandingProblems({ ...valid, primary_color: color }).primary_color).toMatch(/six digits/);
    }
  });

  it('counts the CSS limit in UTF-8 bytes, 48 KiB at most', () => {
    expect(brandingProblems({ ...valid, custom_css: 'a'.repeat(CSS_MAX_BYTES) })).toEqual({});
    expect(brandingProblems({ ...valid, custom_css: 'a'.repeat(CSS_MAX_BYTES + 1) }).custom_css).toBe('The CSS is 49153 bytes; the limit is 49152 bytes (48 KiB).');
    // Two bytes a character: half as many characters reach the limit.
    expect(brandingProblems({ ...valid, custom_css: 'é'.repeat(CSS_MAX_BYTES / 2 + 1) }).custom_css).toMatch(/49154 bytes/);
  });

  it('reports every field at once', () => {
    expect(Object.keys(brandingProblems({ organization_name: '', logo_uri: 'http://x', primary_color: 'blue', custom_css: 'a'.repeat(CSS_MAX_BYTES + 1) })).sort()).toEqual([
      'custom_css',
      'logo_uri',
      'organization_name',
      'primary_color',
    ]);
  });
});

describe(toBrandingInput.name, () => {
  it('trims, lowercases the colour and sends empty fields as null', () => {
    expect(toBrandingInput({ organization_name: '  Example Corp ', logo_uri: ' ', primary_color: ' #0A7D5C ', custom_css: '  \n' })).toEqual({
      organization_name: 'Example Corp',
      logo_uri: null,
      primary_color: '#0a7d5c',
      custom_css: null,
    });
  });

  it('keeps the CSS as typed', () => {
    expect(toBrandingInput({ ...toBrandingForm(), organization_name: 'X', custom_css: '  a { color: red }\n' }).custom_css).toBe('  a { color: red }\n');
  });
});

describe(isDefaultBranding.name, () => {
  it('is true only when nothing is set', () => {
    const defaults = { organization_name: null, logo_uri: null, primary_color: null, custom_css: null, updated_at: null };
    expect(isDefaultBranding(defaults)).toBe(true);
    expect(isDefaultBranding({ ...defaults, primary_color: '#000000' })).toBe(false);
    expect(toBrandingForm(defaults)).toEqual({ organization_name: '', logo_uri: '', primary_color: '', custom_css: '' });
  });
});

describe(formatSize.name, () => {
  it('gives bytes under 1 KiB and KiB above', () => {
    expect(byteLength('€')).toBe(3);
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(512)).toBe('512 bytes');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(CSS_MAX_BYTES)).toBe('48 KiB');
  });
});
