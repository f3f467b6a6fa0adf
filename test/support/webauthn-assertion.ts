import { createHash, createPrivateKey, sign } from 'node:crypto';

export interface AssertionInput {
  credentialId: string;
  /** PKCS#8 DER in base64, as the DevTools virtual authenticator hands it out (WebAuthn.getCredentials). */
  privateKey: string;
  challenge: string;
  origin: string;
  rpId: string;
  signCount: number;
  userVerified: boolean;
  userHandle?: string;
}

/**
 * A WebAuthn assertion (W3C WebAuthn §6.1 authenticator data, §5.8.1 client data) signed in the test with
 * the credential's own key, so every field the browser and authenticator would set can be set wrong on
 * purpose: origin, RP ID hash, flags and the signature counter.
 */
export function assertion(input: AssertionInput): Record<string, unknown> {
  const clientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: input.challenge, origin: input.origin, crossOrigin: false }));
  const flags = 0x01 | (input.userVerified ? 0x04 : 0);
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(input.signCount);
  const authenticatorData = Buffer.concat([createHash('sha256').update(input.rpId).digest(), Buffer.from([flags]), counter]);
  const key = createPrivateKey({ key: Buffer.from(input.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  const signed = Buffer.concat([authenticatorData, createHash('sha256').update(clientData).digest()]);
  // The authenticator picks the algorithm from the server's list: Ed25519 (COSE -8) signs the data itself,
  // ES256 (COSE -7) its SHA-256, DER-encoded as WebAuthn §6.5.6 asks.
  const signature = sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', signed, key);
  return {
    id: input.credentialId,
    rawId: input.credentialId,
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: clientData.toString('base64url'),
      authenticatorData: authenticatorData.toString('base64url'),
      signature: signature.toString('base64url'),
      ...(input.userHandle ? { userHandle: input.userHandle } : {}),
    },
  };
}
