import { formatUserCode, generateUserCode, normalizeUserCode, USER_CODE_ALPHABET } from './user-code';

describe('user codes', () => {
  it('generates 8 characters from the consonant alphabet', () => {
    for (let run = 0; run < 200; run++) {
      const code = generateUserCode();
      expect(code).toMatch(new RegExp(`^[${USER_CODE_ALPHABET}]{8}$`));
    }
  });

  it('normalizes case, dash and spaces', () => {
    expect(normalizeUserCode('bcdf-ghjk')).toBe('BCDFGHJK');
    expect(normalizeUserCode('BCDFGHJK')).toBe('BCDFGHJK');
    expect(normalizeUserCode(' bcdf ghjk ')).toBe('BCDFGHJK');
  });

  it('rejects wrong lengths and letters outside the alphabet', () => {
    for (const input of [undefined, '', 'BCDF-GHJ', 'BCDF-GHJKL', 'ABCD-EFGH', 'BCDF-GHJ1', 'x'.repeat(100)]) {
      expect(normalizeUserCode(input)).toBeUndefined();
    }
  });

  it('formats as XXXX-XXXX', () => {
    expect(formatUserCode('BCDFGHJK')).toBe('BCDF-GHJK');
  });
});
