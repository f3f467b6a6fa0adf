import { InvalidRequest } from '@app/core';

export interface PageQuery {
  limit: number;
  cursor?: string;
  search?: string;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** `?limit=&cursor=&search=` of every admin list, validated. */
export function readPageQuery(query: Record<string, unknown>, isValidCursor: (cursor: string) => boolean): PageQuery {
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) throw new InvalidRequest(`The parameter ${name} was sent more than once`);
  }
  const rawLimit = query.limit;
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== undefined) {
    if (typeof rawLimit !== 'string' || !/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      throw new InvalidRequest(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
    }
    limit = Number(rawLimit);
  }
  const cursor = typeof query.cursor === 'string' && query.cursor !== '' ? query.cursor : undefined;
  if (cursor && !isValidCursor(cursor)) throw new InvalidRequest('cursor is malformed');
  const search = typeof query.search === 'string' && query.search.trim() !== '' ? query.search.trim().slice(0, 200) : undefined;
  return { limit, cursor, search };
}
