import { guidText, idOf, textOf } from './ldap-entry';

describe(guidText.name, () => {
  it('writes an objectGUID in the form Active Directory shows it', () => {
    const bytes = Buffer.from('7b2b5dd3f4b0e9438b3a0123456789ab', 'hex');
    expect(guidText(bytes)).toBe('d35d2b7b-b0f4-43e9-8b3a-0123456789ab');
  });
});

describe(idOf.name, () => {
  it('reads entryUUID as text and objectGUID as bytes, attribute names in any case', () => {
    expect(idOf({ dn: 'x', entryUUID: 'A1B2C3D4-0000-1000-8000-00AA00BB00CC' }, 'entryuuid')).toBe('a1b2c3d4-0000-1000-8000-00aa00bb00cc');
    expect(idOf({ dn: 'x', objectGUID: Buffer.alloc(16, 1) }, 'objectGUID')).toBe('01010101-0101-0101-0101-010101010101');
    expect(idOf({ dn: 'x', entryUUID: [] }, 'entryUUID')).toBeUndefined();
  });
});

describe(textOf.name, () => {
  it('takes the first value, and nothing for a missing or empty attribute', () => {
    expect(textOf({ dn: 'x', mail: ['a@example.org', 'b@example.org'] }, 'MAIL')).toBe('a@example.org');
    expect(textOf({ dn: 'x', mail: '' }, 'mail')).toBeUndefined();
    expect(textOf({ dn: 'x' }, 'mail')).toBeUndefined();
  });
});
