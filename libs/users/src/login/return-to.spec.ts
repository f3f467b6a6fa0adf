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
