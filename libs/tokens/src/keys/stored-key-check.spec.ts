import { KeyEncryptionSecretError, PrivateKeyCipher } from './private-key-cipher';
import { thrownBy } from '../../../../test/support/thrown';
import { assertSigningKeysOpen, StoredSigningKey } from './stored-key-check';

const SECRET = 'the-secret-the-keys-were-sealed-with-0123';
const jwk = JSON.stringify({ kty: 'EC', crv: 'P-256', d: 'private-part' });
const sealed = (status: string, secret = SECRET): StoredSigningKey => ({ kid: `kid-${status}`, status, private_jwk: new PrivateKeyCipher(secret).seal(jwk) });

describe(assertSigningKeysOpen.name, () => {
  it('accepts keys sealed with the secret given, and keys stored unencrypted', () => {
    expect(() => assertSigningKeysOpen([sealed('active'), sealed('next'), { kid: 'plain', status: 'active', private_jwk: jwk }], SECRET)).not.toThrow();
  });

  it('refuses an active key sealed with another secret, naming the key and neither secret', () => {
    const error = thrownBy(() => assertSigningKeysOpen([sealed('active', 'another-secret-entirely-9876543210')], SECRET)) as Error;
    expect(error).toBeInstanceOf(KeyEncryptionSecretError);
    expect(error.message).toBe('The signing keys in the database were encrypted with another KEY_ENCRYPTION_SECRET than the one set (key kid-active): set it to the secret they were encrypted with.');
  });

  it('refuses sealed keys when no secret is set', () => {
    expect(() => assertSigningKeysOpen([sealed('next')], undefined)).toThrow(/encrypted, but KEY_ENCRYPTION_SECRET is not set \(key kid-next\)/);
  });

  it('leaves retired keys alone: they only verify, with their public part', () => {
    expect(() => assertSigningKeysOpen([sealed('retired', 'a-secret-long-gone-0123456789')], SECRET)).not.toThrow();
  });
});

