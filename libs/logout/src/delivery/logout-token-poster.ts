/** What came of one POST of a logout token. */
export type PostOutcome = { delivered: true } | { delivered: false; error: string } | { delivered: false; stopped: true };

const MAX_ERROR_LENGTH = 300;

/**
 * Back-Channel Logout 1.0 §2.5: POSTs `logout_token=<jwt>` form-encoded. 200 and 204 acknowledge it
 * (§2.8); anything else, a redirect included (never followed: the token must reach the registered URI
 * only), is a failure. The answer's body is never read, so a large or endless one costs nothing.
 */
export async function postLogoutToken(uri: string, token: string, timeoutMs: number, stop: AbortSignal): Promise<PostOutcome> {
  const signal = AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]);
  try {
    const answer = await fetch(uri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: '*/*' },
      body: new URLSearchParams({ logout_token: token }).toString(),
      redirect: 'manual',
      signal,
    });
    await answer.body?.cancel().catch(() => undefined);
    if (answer.status === 200 || answer.status === 204) return { delivered: true };
    return { delivered: false, error: `HTTP ${answer.status}` };
  } catch (error) {
    if (stop.aborted) return { delivered: false, stopped: true };
    if (signal.aborted) return { delivered: false, error: `no answer within ${timeoutMs} ms` };
    return { delivered: false, error: describe(error) };
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = error instanceof Error ? `${error.message}${cause}` : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}
