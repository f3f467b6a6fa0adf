import { isResourceServerError } from '../errors';
import { LogoutTokenRejected } from './logout-token-rejected';
import type { LogoutTokenVerifier, VerifiedLogoutToken } from './logout-token-verifier';

/** What the application is asked to end: the session `sid`, or every session of `sub` when `sid` is absent. */
export type LogoutEvent = Pick<VerifiedLogoutToken, 'sub' | 'sid' | 'jti'>;

export type LogoutListener = (event: LogoutEvent) => void | Promise<void>;

export interface BackchannelLogoutRequest {
  contentType: string | undefined;
  /** The parsed form body (Express `req.body`, Fastify `request.body`). */
  body: unknown;
}

export interface BackchannelLogoutAnswer {
  status: 200 | 400;
  headers: Record<string, string>;
  body: { error: string; error_description: string } | undefined;
  /** Why the answer is not 200, for the application's log; never sent. */
  failure?: unknown;
}

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * One back-channel logout request, framework-free (Back-Channel Logout 1.0 §2.5-2.8): reads `logout_token`
 * from the form body, verifies it, calls `onLogout`, and says what to answer. §2.8 defines only 200 and 400,
 * so every failure is a 400, its `error` telling a bad token (invalid_request) from our own trouble:
 * unreachable keys (temporarily_unavailable), a failing replay store or `onLogout` (server_error; after a
 * failing `onLogout` the `jti` is released so the provider's retry is accepted).
 */
export async function handleBackchannelLogout(
  verifier: LogoutTokenVerifier,
  onLogout: LogoutListener,
  request: BackchannelLogoutRequest,
): Promise<BackchannelLogoutAnswer> {
  const token = logoutTokenOf(request);
  if (token === undefined) return refuse('invalid_request', 'The request must be a form with one logout_token');
  let verified: VerifiedLogoutToken;
  try {
    verified = await verifier.verify(token);
  } catch (error) {
    if (error instanceof LogoutTokenRejected) return refuse('invalid_request', error.description, error);
    if (isResourceServerError(error)) return refuse('temporarily_unavailable', error.description, error);
    // A failing replay store (say, Redis down) is our trouble, not the token's; §2.8 still wants a 400.
    return refuse('server_error', 'The logout token could not be processed', error);
  }
  try {
    await onLogout({ sub: verified.sub, sid: verified.sid, jti: verified.jti });
  } catch (error) {
    // Best effort: if the store cannot forget either, the retry is refused as a replay, which is still safe.
    await verifier.release(verified.jti).catch(() => undefined);
    return refuse('server_error', 'The session could not be ended', error);
  }
  return { status: 200, headers: { ...NO_STORE }, body: undefined };
}

/** §2.5: one `logout_token` parameter in an application/x-www-form-urlencoded body; repeats are refused. */
function logoutTokenOf({ contentType, body }: BackchannelLogoutRequest): string | undefined {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') return undefined;
  if (typeof body !== 'object' || body === null) return undefined;
  const token: unknown = (body as Record<string, unknown>)['logout_token'];
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function refuse(error: string, description: string, failure?: unknown): BackchannelLogoutAnswer {
  return { status: 400, headers: { ...NO_STORE }, body: { error, error_description: description }, failure };
}
