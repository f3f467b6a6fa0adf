import { createHash } from 'node:crypto';
import { isValidPkceValue, verifyPkce } from './pkce';

// RFC 7636 Appendix B example.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe(verifyPkce.name, () => {
  it('accepts the RFC 7636 Appendix B S256 example', async () => {
    expect(createHash('sha256').update(VERIFIER).digest('base64url')).toBe(CHALLENGE);
    expect(verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }, VERIFIER)).toBe(true);
  });

  it('rejects a wrong verifier for S256', async () => {
    expect(verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }, VERIFIER.replace('d', 'e'))).toBe(false);
  });

  it('rejects an S256 challenge redeemed as if it were plain (the challenge sent as verifier)', async () => {
    expect(verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }, CHALLENGE)).toBe(false);
  });

  it('compares plain verifiers exactly', async () => {
    expect(verifyPkce({ codeChallenge: VERIFIER, codeChallengeMethod: 'plain' }, VERIFIER)).toBe(true);
    expect(verifyPkce({ codeChallenge: VERIFIER, codeChallengeMethod: 'plain' }, `${VERIFIER.slice(0, -1)}Y`)).toBe(false);
  });

  it('needs a verifier when a challenge was stored', async () => {
    expect(verifyPkce({ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' }, undefined)).toBe(false);
  });

  it('refuses a verifier for a code issued without a challenge (RFC 9700 §2.1.1 downgrade)', async () => {
    expect(verifyPkce({ codeChallenge: null, codeChallengeMethod: null }, VERIFIER)).toBe(false);
    expect(verifyPkce({ codeChallenge: null, codeChallengeMethod: null }, undefined)).toBe(true);
  });

  it('refuses verifiers outside the RFC 7636 §4.1 syntax even if they would match', async () => {
    const short = 'a'.repeat(42);
    expect(verifyPkce({ codeChallenge: short, codeChallengeMethod: 'plain' }, short)).toBe(false);
    const long = 'a'.repeat(129);
    expect(verifyPkce({ codeChallenge: long, codeChallengeMethod: 'plain' }, long)).toBe(false);
    const withSpace = `${'a'.repeat(43)} `;
    expect(verifyPkce({ codeChallenge: withSpace, codeChallengeMethod: 'plain' }, withSpace)).toBe(false);
  });
});

describe(isValidPkceValue.name, () => {
  it.each([
    ['a'.repeat(43), true],
    ['a'.repeat(128), true],
    ['a'.repeat(42), false],
    ['a'.repeat(129), false],
    [`${'a'.repeat(42)}+`, false],
    [`${'a'.repeat(42)}=`, false],
    [`${'A-._~'.repeat(9)}`, true],
  ])('%s -> %s', async (value, expected) => {
    expect(isValidPkceValue(value)).toBe(expected);
  });
});
