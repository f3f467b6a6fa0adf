import { redactDetails, truncateUserAgent } from './redact';

describe(redactDetails.name, () => {
  it('drops secret-looking fields at any depth and keeps the rest', () => {
    const sut = redactDetails({
      fields: ['client_name', 'password'],
      client_secret: 's3cret',
      password: 'hunter2',
      nested: { access_token: 'x', refresh_token: 'y', code: 'abc', code_verifier: 'v', name: 'kept' },
      username: 'dana',
    });
    expect(sut).toEqual({ fields: ['client_name', 'password'], nested: { name: 'kept' }, username: 'dana' });
    expect(JSON.stringify(sut)).not.toMatch(/s3cret|hunter2/);
  });

  it('cuts long strings and lists, and stops at a fixed depth', () => {
    const sut = redactDetails({ long: 'a'.repeat(600), list: Array.from({ length: 80 }, (_, i) => i), deep: { a: { b: { c: { d: 1 } } } } });
    expect((sut.long as string).length).toBe(501);
    expect(sut.list).toHaveLength(50);
    expect(sut.deep).toEqual({ a: { b: {} } });
  });

  it('treats a missing value as empty', () => {
    expect(redactDetails(undefined)).toEqual({});
  });
});

describe(truncateUserAgent.name, () => {
  it('keeps short agents and cuts long ones', () => {
    expect(truncateUserAgent('curl/8')).toBe('curl/8');
    expect(truncateUserAgent('x'.repeat(1000))).toHaveLength(300);
    expect(truncateUserAgent(undefined)).toBeNull();
  });
});
