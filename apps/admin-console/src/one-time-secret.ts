/** Hands a just-created secret to the next page in memory only; reading it forgets it. */
const pending = new Map<string, string>();

export function keepSecret(clientId: string, secret: string): void {
  pending.set(clientId, secret);
}

export function takeSecret(clientId: string): string | undefined {
  const secret = pending.get(clientId);
  pending.delete(clientId);
  return secret;
}
