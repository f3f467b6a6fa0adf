import { escapeFilterValue, everyoneFilter, fillFilter } from './ldap-filter';

describe(escapeFilterValue.name, () => {
  it('RFC 4515 §3: escapes *, (, ), \\ and NUL as backslash and two hex digits', () => {
    expect(escapeFilterValue('*')).toBe('\\2a');
    expect(escapeFilterValue('(')).toBe('\\28');
    expect(escapeFilterValue(')')).toBe('\\29');
    expect(escapeFilterValue('\\')).toBe('\\5c');
    expect(escapeFilterValue('\0')).toBe('\\00');
  });

  it('turns injection attempts into plain values', () => {
    expect(escapeFilterValue(')(uid=*')).toBe('\\29\\28uid=\\2a');
    expect(escapeFilterValue('*)(|(objectClass=*)')).toBe('\\2a\\29\\28|\\28objectClass=\\2a\\29');
    // Already-escaped text is escaped again: the person typed a backslash, not an escape.
    expect(escapeFilterValue('\\2a')).toBe('\\5c2a');
  });

  it('leaves ordinary and non-ASCII characters as they are (RFC 4515 UTFMB)', () => {
    expect(escapeFilterValue('ada.lovelace@example.org')).toBe('ada.lovelace@example.org');
    expect(escapeFilterValue('zoë')).toBe('zoë');
    expect(escapeFilterValue('李雷')).toBe('李雷');
    expect(escapeFilterValue('😀*')).toBe('😀\\2a');
  });
});

describe(fillFilter.name, () => {
  it('replaces every placeholder with the escaped value, taking $ patterns literally', () => {
    expect(fillFilter('(|(uid={username})(mail={username}))', '{username}', 'a*')).toBe('(|(uid=a\\2a)(mail=a\\2a))');
    expect(fillFilter('(uid={username})', '{username}', "$&$'")).toBe("(uid=$&$')");
    expect(fillFilter('(member={dn})', '{dn}', 'cn=Smith\\, Ann,ou=people,dc=example,dc=org')).toBe('(member=cn=Smith\\5c, Ann,ou=people,dc=example,dc=org)');
  });

  it('lists everyone with a wildcard for the sync', () => {
    expect(everyoneFilter('(&(objectClass=user)(sAMAccountName={username}))')).toBe('(&(objectClass=user)(sAMAccountName=*))');
  });
});
