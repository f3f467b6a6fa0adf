import { usernameFor } from './username';

describe(usernameFor.name, () => {
  it('takes the upstream username, else the e-mail address, keeping only characters our usernames allow', () => {
    expect(usernameFor({ subject: 's', username: 'ada lovelace', groups: [] }, 'contoso')).toBe('adalovelace');
    expect(usernameFor({ subject: 's', email: 'ada@contoso.com', groups: [] }, 'contoso')).toBe('ada@contoso.com');
  });

  it('falls back to the provider and subject', () => {
    expect(usernameFor({ subject: '00u1/2', groups: [] }, 'okta')).toBe('okta-00u12');
    expect(usernameFor({ subject: '///', groups: [] }, 'okta')).toBe('okta-person');
  });
});
