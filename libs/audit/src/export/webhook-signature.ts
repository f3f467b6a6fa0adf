import { createHmac } from 'node:crypto';

/** The header every webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'Meridian-Signature';

/**
 * HMAC-SHA256 with the shared secret over `<t>.<body>`, the body exactly as sent. The time is signed with
 * it, so a receiver that refuses old timestamps also refuses a captured delivery replayed later.
 */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
