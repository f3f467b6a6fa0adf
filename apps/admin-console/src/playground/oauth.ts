/** Protocol helpers of the flow playground: PKCE, token requests shown as they are sent, JWT decoding. */
import type { TokenEndpointAuthMethodName } from '@app/contracts';
import { CONSOLE_SEGMENT } from '../console-base';

/** The playground's return address inside the console, after the issuer (its path included). */
export const PLAYGROUND_CALLBACK_PATH = `${CONSOLE_SEGMENT}/playground/callback`;
const CHANNEL = 'meridian-playground';
const SAME_TAB_KEY = 'playground.pending';

export function playgroundRedirectUri(issuer: string): string {
  return `${issuer}${PLAYGROUND_CALLBACK_PATH}`;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 §4.1-4.2: a 43-character verifier from 32 random bytes; challenge = BASE64URL(SHA256(verifier)). */
export async function createPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = randomToken(32);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Reads a JWT's header and claims for display; the signature is not checked here. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  const [header, payload] = parts;
  if (parts.length !== 3 || header === undefined || payload === undefined) return undefined;
  try {
    const decode = (part: string) => JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
    return { header: decode(header), payload: decode(payload) };
  } catch {
    return undefined;
  }
}

export type AuthMethod = TokenEndpointAuthMethodName;

export interface ShownRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface FormExchange {
  request: ShownRequest;
  status: number;
  body: Record<string, unknown>;
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding. */
function basic(clientId: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${btoa(`${encode(clientId)}:${encode(secret)}`)}`;
}

/**
 * POSTs a form to the token or device endpoint, authenticating the client its registered way, and returns
 * the request as sent (with the secret masked) next to the answer.
 */
export async function postForm(url: string, params: Record<string, string>, client: { id: string; method: AuthMethod; secret?: string }): Promise<FormExchange> {
  if (client.method === 'private_key_jwt' || client.method === 'client_secret_jwt') {
    // The assertion is signed by the app with a key (or secret) the console does not hold.
    throw new Error(`The playground cannot sign ${client.method} client assertions: try this app with its own client library`);
  }
  const form = new URLSearchParams(params);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const shown = new URLSearchParams(params);
  if (client.method === 'client_secret_basic') {
    headers.authorization = basic(client.id, client.secret ?? '');
  } else {
    form.set('client_id', client.id);
    shown.set('client_id', client.id);
    if (client.method === 'client_secret_post') {
      form.set('client_secret', client.secret ?? '');
      shown.set('client_secret', '••••••');
    }
  }
  const response = await fetch(url, { method: 'POST', headers, body: form.toString() });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { error: 'not_json', error_description: text.slice(0, 200) };
  }
  const shownHeaders = { ...headers, ...(headers.authorization ? { authorization: 'Basic base64(client_id:client_secret) ••••••' } : {}) };
  return { request: { url, headers: shownHeaders, body: shown.toString() }, status: response.status, body };
}

/** What comes back to the callback page. */
export interface AuthorizationReturn {
  code?: string;
  state?: string;
  error?: string;
  error_description?: string;
  iss?: string;
}

export function readReturn(search: string): AuthorizationReturn {
  const params = new URLSearchParams(search);
  const get = (name: string) => params.get(name) ?? undefined;
  return { code: get('code'), state: get('state'), error: get('error'), error_description: get('error_description'), iss: get('iss') };
}

/** New-tab mode: the callback tab hands the code to the playground tab, which holds the verifier in memory. */
export function sendReturn(value: AuthorizationReturn): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(value);
  channel.close();
}

export function listenForReturn(onReturn: (value: AuthorizationReturn) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<AuthorizationReturn>) => onReturn(event.data);
  return () => channel.close();
}

/**
 * Same-tab mode leaves the page, so the flow's state (never a typed secret) waits in sessionStorage for
 * the length of the redirect, as any browser PKCE client keeps its verifier; it is read once and removed.
 */
export interface PendingFlow {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  nonce: string;
  verifier: string;
  challenge: string;
  authorizationUrl: string;
  /** OIDC Core §3.1.2.1 acr_values and max_age the request carried, if any. */
  acrValues?: string;
  maxAge?: string;
  returned?: AuthorizationReturn;
}

export function keepPendingFlow(flow: PendingFlow): void {
  sessionStorage.setItem(SAME_TAB_KEY, JSON.stringify(flow));
}

export function hasPendingFlow(state: string | undefined): boolean {
  const raw = sessionStorage.getItem(SAME_TAB_KEY);
  return Boolean(raw && state && (JSON.parse(raw) as PendingFlow).state === state);
}

export function attachReturn(value: AuthorizationReturn): void {
  const raw = sessionStorage.getItem(SAME_TAB_KEY);
  if (raw) sessionStorage.setItem(SAME_TAB_KEY, JSON.stringify({ ...(JSON.parse(raw) as PendingFlow), returned: value }));
}

export function takePendingFlow(): PendingFlow | undefined {
  const raw = sessionStorage.getItem(SAME_TAB_KEY);
  sessionStorage.removeItem(SAME_TAB_KEY);
  if (!raw) return undefined;
  const flow = JSON.parse(raw) as PendingFlow;
  return flow.returned ? flow : undefined;
}
