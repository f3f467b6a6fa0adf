import { InvalidClientMetadata } from '@app/core';
import { MAX_CONTACTS, normalizeClientMetadata } from './client-registration.rules';

const SERVICE = { grant_types: ['client_credentials'], scope: 'reports:read' };

describe(`${normalizeClientMetadata.name}: contacts`, () => {
  it('keeps e-mail addresses, once each', () => {
    expect(normalizeClientMetadata({ ...SERVICE, contacts: ['ops@example.com', 'ops@example.com', 'a.b+c@mail.example.org'] }).contacts).toEqual(['ops@example.com', 'a.b+c@mail.example.org']);
  });

  it.each([
    ['not an address'],
    ['ops@localhost'],
    ['ops@example.com\nBcc: x@example.com'],
    [`${'a'.repeat(310)}@example.com`],
  ])('refuses %p as invalid_client_metadata under contacts', (contact) => {
    expect(() => normalizeClientMetadata({ ...SERVICE, contacts: [contact] })).toThrow(InvalidClientMetadata);
    try {
      normalizeClientMetadata({ ...SERVICE, contacts: [contact] });
    } catch (error) {
      expect(Object.keys((error as InvalidClientMetadata).fields ?? {})).toEqual(['contacts']);
    }
  });

  it(`refuses more than ${MAX_CONTACTS} addresses`, () => {
    const contacts = Array.from({ length: MAX_CONTACTS + 1 }, (_, i) => `ops${i}@example.com`);
    expect(() => normalizeClientMetadata({ ...SERVICE, contacts })).toThrow(/contacts/);
  });
});
