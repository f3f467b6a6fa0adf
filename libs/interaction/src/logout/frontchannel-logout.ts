import type { ClientEntity } from '@app/clients';
import { cspSource, pageHeaders } from '../http/page-headers';

/**
 * Front-Channel Logout 1.0 §3: the URL the signed-out page loads in an iframe for one app, with `iss` and
 * `sid` added to the registered URI's own query when the app asked for them.
 */
export function frontChannelFrame(client: ClientEntity, issuer: string, sessionId: string): string | undefined {
  if (!client.frontchannelLogoutUri) return undefined;
  const url = new URL(client.frontchannelLogoutUri);
  if (client.frontchannelLogoutSessionRequired) {
    url.searchParams.set('iss', issuer);
    url.searchParams.set('sid', sessionId);
  }
  return url.toString();
}

/**
 * The signed-out page's headers when it embeds the apps' logout pages: frames from those origins only,
 * our script that continues to the app once they loaded, and form-action as for any redirecting page.
 */
export function frontChannelHeaders(frames: readonly string[], redirectTarget?: string): Record<string, string> {
  const headers = pageHeaders(redirectTarget, { scripts: true });
  const sources = [...new Set(frames.map(cspSource).filter((source): source is string => source !== undefined))];
  const csp = headers['Content-Security-Policy'].replace("default-src 'none';", `default-src 'none'; frame-src ${sources.join(' ')};`);
  return { ...headers, 'Content-Security-Policy': csp };
}
