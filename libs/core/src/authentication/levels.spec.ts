import { combineMethods, levelOf, satisfies } from './levels';

describe('authentication levels', () => {
  it('a password alone is pwd', () => {
    expect(levelOf(combineMethods([], ['pwd']))).toBe('pwd');
    expect(combineMethods([], ['pwd'])).toEqual(['pwd']);
  });

  it('a password and a one-time code are mfa, not phishing-resistant', () => {
    const amr = combineMethods(['pwd'], ['otp']);
    expect(amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(levelOf(amr)).toBe('mfa');
  });

  it('a password and a security key are phishing-resistant', () => {
    expect(levelOf(combineMethods(['pwd'], ['hwk']))).toBe('phr');
  });

  it('a passkey with user verification is phishing-resistant on its own', () => {
    expect(levelOf(combineMethods([], ['swk', 'user', 'mfa']))).toBe('phr');
  });

  it('a key without user verification and without a password is one factor', () => {
    expect(levelOf(combineMethods([], ['hwk', 'user']))).toBe('pwd');
  });

  it('a second one-time code adds no factor', () => {
    expect(levelOf(combineMethods(['otp'], ['otp']))).toBe('pwd');
  });

  it('each level satisfies itself and those below', () => {
    expect(satisfies('phr', 'mfa')).toBe(true);
    expect(satisfies('mfa', 'phr')).toBe(false);
    expect(satisfies('pwd', 'pwd')).toBe(true);
  });
});
