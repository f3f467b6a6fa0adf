/**
 * The `groups` claim as one client sees it: every group of the person, or, when the client set
 * `groups_claim_filter`, only those whose name starts with one of its prefixes, so that a large
 * organization's tokens stay small.
 */
export function groupsClaim(names: readonly string[], prefixes: readonly string[]): string[] {
  if (prefixes.length === 0) return [...names];
  return names.filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));
}
