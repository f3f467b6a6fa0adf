/**
 * An upstream sign-in that could not be completed. `message` is safe to show (it names the provider, never
 * quotes the upstream); `detail` is for the log only.
 */
export class UpstreamFailed extends Error {
  constructor(
    readonly kind: 'unreachable' | 'invalid-response' | 'invalid-callback' | 'denied',
    readonly providerName: string,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'UpstreamFailed';
  }

  /** 502 when the upstream misbehaved or could not be reached, 400 when the callback was not ours to accept. */
  get status(): number {
    return this.kind === 'unreachable' || this.kind === 'invalid-response' ? 502 : 400;
  }
}
