import { DataSource } from 'typeorm';
import { PrivateKeyCipher } from './private-key-cipher';
import { SigningKeyEntity } from './signing-key.entity';

/**
 * Opens every private key this server may sign with: the active ones now and the `next` ones after the
 * next rotation. A missing or changed KEY_ENCRYPTION_SECRET then stops the start with a
 * KeyEncryptionSecretError, instead of a healthy start whose first rotation fails. Nothing is logged here:
 * neither the secret nor any key material leaves this function.
 */
export async function assertSigningKeysReadable(dataSource: DataSource, cipher: PrivateKeyCipher): Promise<{ unencrypted: number }> {
  const rows = await dataSource
    .getRepository(SigningKeyEntity)
    .createQueryBuilder('key')
    .select(['key.kid'])
    .addSelect('key.privateJwk')
    .where(`key.status IN ('active', 'next')`)
    .getMany();
  for (const row of rows) cipher.open(row.privateJwk, row.kid);
  return { unencrypted: rows.filter((row) => !PrivateKeyCipher.isSealed(row.privateJwk)).length };
}
