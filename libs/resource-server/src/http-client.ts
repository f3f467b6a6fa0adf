import { VerifierUnavailableError } from './errors';

/** The subset of a fetch request this package sends. The global `fetch` satisfies {@link FetchLike}. */
export interface FetchRequestInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** The subset of a fetch response this package reads. */
export interface FetchResponseLike {
  readonly status: number;
  json(): Promise<unknown>;
}

export type FetchLike = (url: string, init: FetchRequestInit) => Promise<FetchResponseLike>;

export interface JsonResponse {
  status: number;
  /** Parsed body; undefined when the body was not JSON. */
  body: unknown;
}

/**
 * Sends one request and parses the JSON answer. Network failures and timeouts become
 * VerifierUnavailableError so callers never mistake them for a verdict on the token.
 */
export async function requestJson(
  fetchFn: FetchLike,
  url: string,
  init: Omit<FetchRequestInit, 'signal'>,
  timeoutMs: number,
): Promise<JsonResponse> {
  let response: FetchResponseLike;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (cause) {
    throw new VerifierUnavailableError(`Request to ${url} failed`, { cause });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
