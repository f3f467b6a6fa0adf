/**
 * The deepest any admin API body legitimately goes is an object in an array in an object (an API's
 * scopes); a few levels more leave room without letting class-transformer, which recurses once per level,
 * overflow the stack.
 */
export const MAX_BODY_DEPTH = 8;

/**
 * The top-level field of `body` holding objects or arrays nested deeper than `maxDepth`, `body` itself when
 * the body is an array that does, or undefined. Walks with an explicit stack: recursion is what fails here.
 */
export function tooDeepField(body: unknown, maxDepth = MAX_BODY_DEPTH): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const roots: Array<[string, unknown]> = Array.isArray(body) ? [['body', body]] : Object.entries(body);
  for (const [field, value] of roots) {
    const pending: Array<[unknown, number]> = [[value, Array.isArray(body) ? 1 : 2]];
    while (pending.length > 0) {
      const [current, depth] = pending.pop()!;
      if (current === null || typeof current !== 'object') continue;
      if (depth > maxDepth) return field;
      for (const child of Object.values(current)) pending.push([child, depth + 1]);
    }
  }
  return undefined;
}
