import { MAX_BODY_DEPTH, tooDeepField } from './json-depth';

function nested(levels: number, wrap: (inner: string) => string): unknown {
  let text = '"x"';
  for (let i = 0; i < levels; i++) text = wrap(text);
  return JSON.parse(text);
}

describe(tooDeepField.name, () => {
  it('accepts the shapes the admin API takes', () => {
    expect(tooDeepField({ identifier: 'https://api.example.com', scopes: [{ name: 'orders:read', description: 'Read' }] })).toBeUndefined();
    expect(tooDeepField({ redirect_uris: ['https://app.example.com/cb'], client_name: 'x', first_party: true })).toBeUndefined();
    expect(tooDeepField(null)).toBeUndefined();
    expect(tooDeepField('text')).toBeUndefined();
  });

  it('allows exactly MAX_BODY_DEPTH levels', () => {
    expect(tooDeepField({ a: nested(MAX_BODY_DEPTH - 1, (inner) => `{"a":${inner}}`) })).toBeUndefined();
    expect(tooDeepField({ a: nested(MAX_BODY_DEPTH, (inner) => `{"a":${inner}}`) })).toBe('a');
  });

  it('names the field of a 100 000 level object or array without overflowing the stack', () => {
    expect(tooDeepField({ client_name: 'ok', contacts: nested(100_000, (inner) => `[${inner}]`) })).toBe('contacts');
    expect(tooDeepField({ client_name: nested(100_000, (inner) => `{"a":${inner}}`) })).toBe('client_name');
    expect(tooDeepField(nested(100_000, (inner) => `[${inner}]`))).toBe('body');
  });
});
