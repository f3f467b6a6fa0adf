import type { ApplicationType } from '../client.entity';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);

/** Why a redirect URI cannot be registered, or undefined when it can (RFC 6749 §3.1.2, RFC 8252 §7). */
export function redirectUriProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URI';
  }
  // RFC 6749 §3.1.2: the endpoint URI MUST NOT include a fragment component.
  if (value.includes('#')) return 'must not contain a fragment';
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `the scheme ${url.protocol} is not allowed`;
  if (url.username || url.password) return 'must not contain user information';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') {
    // RFC 8252 §7.3 and RFC 9700 §2.6: plain http only for loopback redirects of native apps.
    return LOOPBACK_HOSTS.has(url.hostname) ? undefined : 'must use https (http is allowed only for loopback hosts)';
  }
  // RFC 8252 §7.1: private-use URI schemes are reverse domain names, e.g. com.example.app:/callback.
  const scheme = url.protocol.slice(0, -1);
  if (!scheme.includes('.')) return 'a private-use scheme must be a reverse domain name (for example com.example.app)';
  return undefined;
}

/**
 * Why a logout URI (Back-Channel Logout 1.0 §2.2, Front-Channel Logout 1.0 §2) cannot be registered: an
 * absolute http(s) URI without a fragment (a query is allowed), under the redirect URIs' transport policy.
 */
export function logoutUriProblem(value: string): string | undefined {
  const problem = redirectUriProblem(value);
  if (problem) return problem;
  // The redirect rules also admit private-use schemes; a logout URI is reached over HTTP.
  return ['https:', 'http:'].includes(new URL(value).protocol) ? undefined : 'must be an https URI';
}

/** True for http redirect URIs on a loopback IP literal, where any port matches (RFC 8252 §7.3). */
export function isLoopbackRedirect(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}

/** What redirect URI matching needs to know of a client. */
export interface RedirectTarget {
  redirectUris: readonly string[];
  applicationType: ApplicationType;
}

/**
 * Exact redirect URI matching (RFC 9700 §4.1.3): the request's URI must equal a registered one character
 * for character, except that a native app's loopback IP redirect may use any port (RFC 8252 §7.3).
 */
export function matchesRegisteredRedirectUri(requested: string, client: RedirectTarget): boolean {
  const registered = client.redirectUris;
  if (registered.includes(requested)) return true;
  // The variable port is for a native app's listener, which takes whatever port the system gives it. A web
  // client's redirect is a fixed address: another port on the loopback is another program.
  if (client.applicationType !== 'native') return false;
  let requestedUrl: URL;
  try {
    requestedUrl = new URL(requested);
  } catch {
    return false;
  }
  if (!isLoopbackRedirect(requestedUrl) || requested.includes('#')) return false;
  const withoutPort = (url: URL) => `${url.protocol}//${url.hostname}${url.pathname}${url.search}`;
  return registered.some((candidate) => {
    let candidateUrl: URL;
    try {
      candidateUrl = new URL(candidate);
    } catch {
      return false;
    }
    // Compare the raw strings after removing only the port, so encoding tricks do not normalize into a match.
    const rawRequested = requested.replace(/^(http:\/\/(?:127\.0\.0\.1|\[::1\]))(:\d+)?/, '$1');
    const rawCandidate = candidate.replace(/^(http:\/\/(?:127\.0\.0\.1|\[::1\]))(:\d+)?/, '$1');
    return isLoopbackRedirect(candidateUrl) && rawRequested === rawCandidate && withoutPort(candidateUrl) === withoutPort(requestedUrl);
  });
}
