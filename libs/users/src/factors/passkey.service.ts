import { Injectable } from '@nestjs/common';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { AppConfig } from '@app/core';
import { FactorRepository, FactorView, PasskeyRecord } from './factor.repository';
import { PasskeyRejected } from './passkey-rejected';
import { ChallengePurpose, WebAuthnChallengeRepository } from './webauthn-challenge.repository';

export interface PasskeyOwner {
  id: string;
  username: string;
  name?: string | null;
}

export interface PasskeySignIn {
  userId: string;
  factorId: string;
  /** RFC 8176: `hwk` for a key bound to one device, `swk` for a synced passkey; `user` and `mfa` when the
   * authenticator verified the person itself (PIN or biometric). */
  amr: string[];
}

/**
 * Passkeys and security keys (W3C WebAuthn Level 3) through @simplewebauthn/server: options with a
 * server-kept challenge, then verification of origin, RP ID hash, challenge, signature, user presence and,
 * where asked, user verification. The relying party is WEBAUTHN_RP_ID / WEBAUTHN_ORIGINS (the issuer's).
 */
@Injectable()
export class PasskeyService {
  constructor(
    private readonly factors: FactorRepository,
    private readonly challenges: WebAuthnChallengeRepository,
    private readonly config: AppConfig,
  ) {}

  /** Options to create a discoverable credential for `owner`, excluding the ones they already have. */
  async registrationOptions(owner: PasskeyOwner): Promise<{ handle: string; options: PublicKeyCredentialCreationOptionsJSON }> {
    const existing = await this.factors.passkeysOf(owner.id);
    const options = await generateRegistrationOptions({
      rpName: this.config.webauthnRpId,
      rpID: this.config.webauthnRpId,
      userName: owner.username,
      userDisplayName: owner.name || owner.username,
      // The user handle is the person's id (no personal data): a discoverable sign-in names them by it.
      userID: uuidBytes(owner.id),
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
    });
    const handle = await this.challenges.create('register', options.challenge, owner.id);
    return { handle, options };
  }

  /**
   * Verifies a new credential and stores it as a factor of `owner`. `amr` is what the ceremony proved: the
   * key is in the person's hands now (and verified them, when the authenticator says so).
   */
  async register(owner: PasskeyOwner, handle: string, response: string, label?: string): Promise<{ factor: FactorView; amr: string[] }> {
    const parsed = parse<RegistrationResponseJSON>(response);
    const challenge = await this.challenges.consume(handle, 'register', owner.id);
    if (!challenge) throw new PasskeyRejected('challenge');
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response: parsed,
        expectedChallenge: challenge,
        expectedOrigin: this.config.webauthnOrigins,
        expectedRPID: this.config.webauthnRpId,
        requireUserVerification: false,
      });
    } catch (error) {
      throw rejection(error);
    }
    if (!verification.verified) throw new PasskeyRejected('verification');
    const { credential, credentialDeviceType, credentialBackedUp, userVerified } = verification.registrationInfo;
    if (await this.factors.findPasskey(credential.id)) throw new PasskeyRejected('verification', 'credential already registered');
    const factor = await this.factors.addPasskey({
      userId: owner.id,
      label: label?.trim().slice(0, 100) || (credentialDeviceType === 'multiDevice' ? 'Passkey' : 'Security key'),
      credentialId: credential.id,
      publicKey: credential.publicKey,
      signCount: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
    });
    const key = credentialDeviceType === 'multiDevice' ? 'swk' : 'hwk';
    return { factor, amr: userVerified ? [key, 'user', 'mfa'] : [key, 'user'] };
  }

  /**
   * Options for an assertion: for a passwordless sign-in any discoverable credential (user verification
   * required); as a second factor, one of `userId`'s credentials.
   */
  async authenticationOptions(purpose: Exclude<ChallengePurpose, 'register'>, userId: string | null): Promise<{ handle: string; options: PublicKeyCredentialRequestOptionsJSON }> {
    const allow = userId ? await this.factors.passkeysOf(userId) : [];
    const options = await generateAuthenticationOptions({
      rpID: this.config.webauthnRpId,
      allowCredentials: allow.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
      userVerification: purpose === 'signin' ? 'required' : 'preferred',
    });
    const handle = await this.challenges.create(purpose, options.challenge, userId);
    return { handle, options };
  }

  /**
   * Verifies an assertion. As a second factor it must come from a credential of `userId`; a passwordless
   * sign-in must carry user verification. A signature counter that did not move forward is refused as
   * `cloned`.
   */
  async authenticate(purpose: Exclude<ChallengePurpose, 'register'>, handle: string, response: string, userId: string | null): Promise<PasskeySignIn> {
    const parsed = parse<AuthenticationResponseJSON>(response);
    const challenge = await this.challenges.consume(handle, purpose, userId);
    if (!challenge) throw new PasskeyRejected('challenge');
    const passkey = await this.factors.findPasskey(parsed.id);
    if (!passkey) throw new PasskeyRejected('unknown-credential');
    if (userId && passkey.userId !== userId) throw new PasskeyRejected('wrong-person', undefined, userId);
    if (parsed.response.userHandle && parsed.response.userHandle !== Buffer.from(uuidBytes(passkey.userId)).toString('base64url')) {
      throw new PasskeyRejected('wrong-person', 'user handle does not match the credential', passkey.userId);
    }
    const requireUserVerification = purpose === 'signin';
    let verification;
    try {
      verification = await verifyAuthenticationResponse({
        response: parsed,
        expectedChallenge: challenge,
        expectedOrigin: this.config.webauthnOrigins,
        expectedRPID: this.config.webauthnRpId,
        credential: { id: passkey.credentialId, publicKey: toUint8(passkey.publicKey), counter: passkey.signCount, transports: passkey.transports as AuthenticatorTransport[] },
        requireUserVerification,
      });
    } catch (error) {
      throw rejection(error, passkey);
    }
    if (!verification.verified) throw new PasskeyRejected('verification', undefined, passkey.userId, passkey.id);
    const { newCounter, userVerified, credentialBackedUp, credentialDeviceType } = verification.authenticationInfo;
    if (!(await this.factors.recordPasskeyUse(passkey.id, newCounter, credentialBackedUp))) {
      throw new PasskeyRejected('cloned', `counter ${newCounter} did not move past the stored one`, passkey.userId, passkey.id);
    }
    const key = credentialDeviceType === 'multiDevice' ? 'swk' : 'hwk';
    return { userId: passkey.userId, factorId: passkey.id, amr: userVerified ? [key, 'user', 'mfa'] : [key, 'user'] };
  }
}

function parse<T>(response: string): T {
  let value: unknown;
  try {
    value = JSON.parse(response);
  } catch {
    throw new PasskeyRejected('malformed');
  }
  const candidate = value as { id?: unknown; rawId?: unknown; response?: unknown; type?: unknown };
  if (!candidate || typeof candidate !== 'object' || typeof candidate.id !== 'string' || typeof candidate.response !== 'object' || candidate.response === null) {
    throw new PasskeyRejected('malformed');
  }
  return value as T;
}

/** The library's refusal, sorted into the reasons we report and audit. */
function rejection(error: unknown, passkey?: PasskeyRecord): PasskeyRejected {
  const message = error instanceof Error ? error.message : String(error);
  const reason = /counter value/i.test(message) ? 'cloned' : /user verification/i.test(message) ? 'user-verification' : 'verification';
  return new PasskeyRejected(reason, message.slice(0, 200), passkey?.userId, passkey?.id);
}

function uuidBytes(id: string): Uint8Array<ArrayBuffer> {
  return toUint8(Buffer.from(id.replace(/-/g, ''), 'hex'));
}

function toUint8(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(new ArrayBuffer(bytes.byteLength));
  copy.set(bytes);
  return copy;
}
