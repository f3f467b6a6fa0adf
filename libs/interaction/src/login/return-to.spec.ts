import { safeReturnTo } from './return-to';

describe(safeReturnTo.name, () => {
  it.each([
    ['/oauth2/authorize/resume?request=abc', '/oauth2/authorize/resume?request=abc'],
    ['/device?user_code=ABCD-EFGH', '/device?user_code=ABCD-EFGH'],
    ['/', '/'],
  ])('keeps the relative path %s', async (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });

  it.each([
    undefined,
    '',
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '/\tevil',
    'javascript:alert(1)',
    'relative/path',
    '/%0d%0aSet-Cookie:x',
  ])('sends %s to /', async (input) => {
    const result = safeReturnTo(input);
    if (input === '/%0d%0aSet-Cookie:x') {
      // Percent-encoded text stays encoded: still a path on this server.
      expect(result).toBe(input);
    } else {
      expect(result).toBe('/');
    }
  });
});

describe(`${safeReturnTo.name} under an issuer path`, () => {
  it('keeps a path of the issuer', () => {
    expect(safeReturnTo('/tenant-a/oauth2/authorize/resume?request=abc', '/tenant-a')).toBe('/tenant-a/oauth2/authorize/resume?request=abc');
  });

  it.each([undefined, '/oauth2/authorize/resume?request=abc', '/tenant-ab/x', '//evil.example/tenant-a/', 'https://evil.example/tenant-a/'])(
    'sends %s to the issuer root path',
    (input) => {
      expect(safeReturnTo(input, '/tenant-a')).toBe('/tenant-a/');
    },
  );
});

describe(`${safeReturnTo.name}: what a Location header can carry`, () => {
  it.each([
    ['/caf\u00e9', '/caf%C3%A9'],
    ['/oauth2/authorize/resume?request=\u00e9', '/oauth2/authorize/resume?request=%C3%A9'],
    ['/\u65e5\u672c?q=\u20ac#\u20ac', '/%E6%97%A5%E6%9C%AC?q=%E2%82%AC#%E2%82%AC'],
    ['/a b', '/a%20b'],
  ])('percent-encodes %s as %s', (input, expected) => {
    const result = safeReturnTo(input);
    expect(result).toBe(expected);
    expect(result).toMatch(/^[\x21-\x7e]+$/);
  });

  it('turns a lone surrogate into an encoded replacement character, not an exception', () => {
    expect(safeReturnTo('/a\ud800')).toBe('/a%EF%BF%BD');
  });

  it.each(['/..//evil.example', '/./..//evil.example/x', '/%2e%2e//evil.example'])('sends %s, which resolves to //host, to /', (input) => {
    expect(safeReturnTo(input)).toBe('/');
  });

  it.each(['/tenant-a/../x', '/tenant-a/%2e%2e/x'])('sends %s, which leaves the issuer path, to its root path', (input) => {
    expect(safeReturnTo(input, '/tenant-a')).toBe('/tenant-a/');
  });
});
