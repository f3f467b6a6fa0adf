import { ClientSecretService } from './client-secret.service';

describe(ClientSecretService.name, () => {
  const sut = new ClientSecretService();

  it('generates 256-bit secrets and stores only a digest', async () => {
    const { secret, hash } = sut.generate();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(hash).not.toContain(secret);
    await expect(sut.verify(secret, hash)).resolves.toBe(true);
    await expect(sut.verify(`${secret}x`, hash)).resolves.toBe(false);
  });

  it('hashes operator-chosen secrets with scrypt', async () => {
    const hash = await sut.hashChosenSecret('change-me');
    expect(hash).toMatch(/^scrypt\$/);
    await expect(sut.verify('change-me', hash)).resolves.toBe(true);
    await expect(sut.verify('change-you', hash)).resolves.toBe(false);
  });

  it('never verifies against a missing hash (unknown client)', async () => {
    await expect(sut.verify('anything', undefined)).resolves.toBe(false);
    await expect(sut.verify('anything', null)).resolves.toBe(false);
  });
});
