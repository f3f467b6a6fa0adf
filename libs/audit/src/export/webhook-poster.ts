import { randomUUID } from 'node:crypto';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature';

/** What came of handing one batch to a sink. */
export type DeliveryOutcome = { delivered: true } | { delivered: false; error: string } | { delivered: false; stopped: true };

const MAX_ERROR_LENGTH = 300;

export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs: number;
}

/**
 * POSTs `body` (JSON) signed with the shared secret. Any 2xx takes the batch; anything else, a redirect
 * included (never followed: the events go to the configured URL only), leaves it for a later attempt.
 * The answer's body is never read.
 */
export async function postToWebhook(target: WebhookTarget, body: string, stop: AbortSignal, now: () => number = Date.now): Promise<DeliveryOutcome> {
  const signal = AbortSignal.any([stop, AbortSignal.timeout(target.timeoutMs)]);
  try {
    const answer = await fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'meridian-auth-audit/1',
        'Meridian-Delivery': randomUUID(),
        [SIGNATURE_HEADER]: signatureHeader(target.secret, body, Math.floor(now() / 1000)),
      },
      body,
      redirect: 'manual',
      signal,
    });
    await answer.body?.cancel().catch(() => undefined);
    if (answer.status >= 200 && answer.status < 300) return { delivered: true };
    return { delivered: false, error: `HTTP ${answer.status}` };
  } catch (error) {
    if (stop.aborted) return { delivered: false, stopped: true };
    if (signal.aborted) return { delivered: false, error: `no answer within ${target.timeoutMs} ms` };
    return { delivered: false, error: describe(error) };
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const message = error instanceof Error ? `${error.message}${cause}` : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}
