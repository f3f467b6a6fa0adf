/** Why a logout token was refused; one value per Back-Channel Logout 1.0 §2.6 check. */
export type LogoutTokenRejection =
  | 'malformed'
  | 'algorithm'
  | 'typ'
  | 'unknown_key'
  | 'signature'
  | 'issuer'
  | 'audience'
  | 'iat'
  | 'expired'
  | 'events'
  | 'subject'
  | 'nonce'
  | 'jti'
  | 'replayed';

/**
 * The logout token must be refused. `description` is safe to return to the sender (the OpenID provider);
 * `message` and `cause` may carry details for logs. Answered with 400 invalid_request (§2.8).
 */
export class LogoutTokenRejected extends Error {
  readonly description: string;

  constructor(
    readonly reason: LogoutTokenRejection,
    description: string,
    options?: { cause?: unknown; message?: string },
  ) {
    super(options?.message ?? description, { cause: options?.cause });
    this.name = 'LogoutTokenRejected';
    this.description = description;
  }
}
