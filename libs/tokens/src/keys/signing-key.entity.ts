import type { JWK } from 'jose';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `next` is published but does not sign yet; `active` signs; `retired` only verifies until it expires. */
export type SigningKeyStatus = 'next' | 'active' | 'retired';

/**
 * `tokens`: signs access tokens, and ID tokens in the same algorithm. `id_token`: an RS256 key kept beside
 * them for ID tokens when SIGNING_ALG is another algorithm (OIDC Core §15.1: RS256 must be available).
 */
export type SigningKeyPurpose = 'tokens' | 'id_token';

/** A signing key pair shared by every instance through the database. */
@Entity('signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ type: 'text' })
  alg!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: JWK;

  /** The private JWK as JSON, or `enc:v1:` + AES-256-GCM ciphertext when KEY_ENCRYPTION_SECRET is set. */
  @Column({ name: 'private_jwk', type: 'text', select: false })
  privateJwk!: string;

  @Column({ type: 'text' })
  status!: SigningKeyStatus;

  @Column({ type: 'text', default: 'tokens' })
  purpose!: SigningKeyPurpose;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** After this moment no token signed by the key is still valid, so it leaves the JWKS. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
