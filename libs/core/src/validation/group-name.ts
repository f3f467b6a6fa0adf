/**
 * Group names travel in tokens and in `allowed_groups`, so they keep to RFC 6749 §3.3 scope-token
 * characters, minus the ones that need quoting anywhere: letters, digits and `. _ : -`.
 */
const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export function groupNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !GROUP_NAME.test(name)) {
    return 'must be 1-100 letters, digits or . _ : -, starting with a letter or digit';
  }
  return undefined;
}
