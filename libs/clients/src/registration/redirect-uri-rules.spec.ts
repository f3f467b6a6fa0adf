import { logoutUriProblem, matchesRegisteredRedirectUri, redirectUriProblem } from './redirect-uri-rules';

describe('redirect URI rules', () => {
  const redirectUris = ['https://app.example.com/callback', 'http://127.0.0.1/cb', 'com.example.app:/oauth2redirect'];
  const registered = { redirectUris, applicationType: 'native' as const };
  const web = { redirectUris: ['https://app.example.com/callback', 'http://127.0.0.1:8080/cb'], applicationType: 'web' as const };

  it('matches a registered URI exactly', () => {
    expect(matchesRegisteredRedirectUri('https://app.example.com/callback', registered)).toBe(true);
  });

  it.each([
    'https://app.example.com/callback/',
    'https://app.example.com/callback/../callback',
    'https://app.example.com/callback?x=1',
    'https://app.example.com/callback#x',
    'https://APP.example.com/callback',
    'https://app.example.com/Callback',
    'https://app.example.com:443/callback',
    'https://app.example.com%2f@evil.example/callback',
    'https://evil.example/callback',
    'https://app.example.com.evil.example/callback',
    'https://user@app.example.com/callback',
    'https://app.example.com/%63allback',
    'http://app.example.com/callback',
  ])('rejects the near miss %s (RFC 9700 §4.1.3)', (candidate) => {
    expect(matchesRegisteredRedirectUri(candidate, registered)).toBe(false);
  });

  it('keeps a web client\'s loopback redirect to its registered port (RFC 8252 §7.3 is for native apps)', () => {
    expect(matchesRegisteredRedirectUri('http://127.0.0.1:8080/cb', web)).toBe(true);
    expect(matchesRegisteredRedirectUri('http://127.0.0.1:8081/cb', web)).toBe(false);
    expect(matchesRegisteredRedirectUri('http://127.0.0.1/cb', web)).toBe(false);
  });

  it('lets a native app\'s loopback IP redirect use any port (RFC 8252 §7.3)', () => {
    expect(matchesRegisteredRedirectUri('http://127.0.0.1:53122/cb', registered)).toBe(true);
    expect(matchesRegisteredRedirectUri('http://127.0.0.1:53122/cb2', registered)).toBe(false);
    expect(matchesRegisteredRedirectUri('http://127.0.0.1:53122/cb?x=1', registered)).toBe(false);
    expect(matchesRegisteredRedirectUri('http://localhost:53122/cb', registered)).toBe(false);
  });

  it.each([
    ['https://app.example.com/cb', undefined],
    ['http://localhost:3000/cb', undefined],
    ['com.example.app:/cb', undefined],
    ['/relative', 'must be an absolute URI'],
    ['https://app.example.com/cb#frag', 'must not contain a fragment'],
    ['javascript:alert(1)', 'the scheme javascript: is not allowed'],
    ['myapp:/cb', expect.stringContaining('reverse domain name')],
    ['https://user:pw@app.example.com/cb', 'must not contain user information'],
  ])('registration check of %s', (uri, problem) => {
    expect(redirectUriProblem(uri)).toEqual(problem);
  });

  it.each([
    ['https://app.example.com/logout?tenant=a', undefined],
    ['http://localhost:3000/logout', undefined],
    ['http://127.0.0.1:8080/logout', undefined],
    ['http://app.example.com/logout', expect.stringContaining('must use https')],
    ['com.example.app:/logout', 'must be an https URI'],
    ['https://app.example.com/logout#frag', 'must not contain a fragment'],
    ['logout', 'must be an absolute URI'],
  ])('logout URI check of %s (Back-Channel Logout §2.2, Front-Channel Logout §2)', (uri, problem) => {
    expect(logoutUriProblem(uri)).toEqual(problem);
  });
});
