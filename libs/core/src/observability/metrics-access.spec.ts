import { bearerMatches } from './metrics-access';

describe(bearerMatches.name, () => {
  const token = 'scrape-token-0123456789';

  it('accepts the exact token after the Bearer scheme, whatever the scheme case', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['another scheme', `Basic ${token}`],
    ['a prefix of the token', `Bearer ${token.slice(0, -1)}`],
    ['the token with more after it', `Bearer ${token}x`],
    ['the bare token', token],
  ])('refuses %s', (_case, header) => {
    expect(bearerMatches(header, token)).toBe(false);
  });
});
