import type { UpstreamProfile } from '../accounts/upstream-profile';
import type { LdapPerson } from './ldap-directory';

/** A directory entry in our terms: linked by its stable id; the directory is trusted for the address. */
export function profileOf(person: LdapPerson): UpstreamProfile {
  return {
    subject: person.subject,
    username: person.username,
    email: person.email,
    emailVerified: person.email ? true : undefined,
    name: person.name,
    givenName: person.givenName,
    familyName: person.familyName,
    groups: person.groups,
  };
}

/** The names of our groups a provider's mapping gives for these upstream groups (DNs or cns). */
export function mappedGroupNames(mapping: Record<string, string>, upstreamGroups: readonly string[]): string[] {
  return [...new Set(upstreamGroups.map((group) => mapping[group]).filter((name): name is string => typeof name === 'string'))];
}
