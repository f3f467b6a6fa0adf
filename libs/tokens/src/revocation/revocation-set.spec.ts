import { parseRevocationEntry, RevocationSet } from './revocation-set';

const USER = '5b1f8c3e-9d2a-4c61-8f0e-2a7b3c4d5e6f';
const token = (overrides: Record<string, unknown> = {}) => ({ jti: 'j1', sub: USER, client_id: 'app', iat: 1000, gid: 'g1', sid: 's1', ...overrides });

describe(RevocationSet.name, () => {
  it('revokes by jti, by grant, and by a cutoff of the person, the consent or the session', () => {
    const sut = new RevocationSet();
    expect(sut.isRevoked(token())).toBe(false);
    sut.apply({ kind: 'token', key: 'j1', expiresAt: 5000 });
    expect(sut.isRevoked(token())).toBe(true);
    expect(sut.isRevoked(token({ jti: 'j2' }))).toBe(false);

    sut.apply({ kind: 'grant', key: 'g1', expiresAt: 5000 });
    expect(sut.isRevoked(token({ jti: 'j2' }))).toBe(true);

    for (const key of [`person:${USER}`, `consent:${USER}:app`, 'session:s1']) {
      const set = new RevocationSet();
      set.apply({ kind: 'cutoff', key, issuedBefore: 1000, expiresAt: 5000 });
      expect(set.isRevoked(token())).toBe(true);
      // Issued after the cutoff: a new sign-in's tokens are not touched.
      expect(set.isRevoked(token({ iat: 1001 }))).toBe(false);
    }
  });

  it('checks cutoffs and grants only for tokens issued to a person (with a grant id)', () => {
    const sut = new RevocationSet();
    sut.apply({ kind: 'cutoff', key: `person:${USER}`, issuedBefore: 2000, expiresAt: 5000 });
    expect(sut.isRevoked(token({ gid: undefined }))).toBe(false);
  });

  it('gives the same answer whatever the order and repetition of entries', () => {
    const entries = [
      { kind: 'cutoff' as const, key: `person:${USER}`, issuedBefore: 900, expiresAt: 4000 },
      { kind: 'cutoff' as const, key: `person:${USER}`, issuedBefore: 1000, expiresAt: 5000 },
    ];
    const forward = new RevocationSet();
    entries.forEach((entry) => forward.apply(entry));
    const backward = new RevocationSet();
    [...entries].reverse().concat(entries).forEach((entry) => backward.apply(entry));
    expect(forward.isRevoked(token())).toBe(true);
    expect(backward.isRevoked(token())).toBe(true);
    expect(backward.size).toBe(1);
  });

  it('prunes entries once every token they could match has expired', () => {
    const sut = new RevocationSet();
    sut.apply({ kind: 'token', key: 'j1', expiresAt: 100 });
    sut.apply({ kind: 'grant', key: 'g1', expiresAt: 300 });
    sut.prune(200);
    expect(sut.size).toBe(1);
    expect(sut.isRevoked(token({ jti: 'j9' }))).toBe(true);
  });
});

describe(parseRevocationEntry.name, () => {
  it('reads the trigger payloads', () => {
    expect(parseRevocationEntry('{"kind":"token","key":"j1","expires_at":12}')).toEqual({ kind: 'token', key: 'j1', expiresAt: 12 });
    expect(parseRevocationEntry('{"kind":"cutoff","key":"person:x","issued_before":10,"expires_at":12}')).toEqual({ kind: 'cutoff', key: 'person:x', issuedBefore: 10, expiresAt: 12 });
  });

  it('refuses anything else', () => {
    for (const payload of ['', 'nope', '{"kind":"token","key":1,"expires_at":1}', '{"kind":"cutoff","key":"k","expires_at":1}', '{"kind":"other","key":"k","expires_at":1}', 'null']) {
      expect(parseRevocationEntry(payload)).toBeUndefined();
    }
  });
});
