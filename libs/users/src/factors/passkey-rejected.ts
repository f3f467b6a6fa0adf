/**
 * Why a passkey ceremony was refused. `cloned`: the authenticator's signature counter did not move forward,
 * a sign that the credential was copied (W3C WebAuthn §6.1.1); it is refused and audited.
 */
export type PasskeyRejectReason = 'challenge' | 'unknown-credential' | 'wrong-person' | 'verification' | 'user-verification' | 'cloned' | 'malformed';

export class PasskeyRejected extends Error {
  constructor(
    readonly reason: PasskeyRejectReason,
    readonly detail?: string,
    readonly userId?: string,
    readonly factorId?: string,
  ) {
    super(`Passkey refused: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'PasskeyRejected';
  }
}
