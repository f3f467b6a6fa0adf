import { ScimError } from '../http/scim-error';
import { Filter, parseScimFilter } from '../filter/scim-filter';

/** ServiceProviderConfig `filter.maxResults`: the most resources one page holds. */
export const MAX_RESULTS = 200;

/** RFC 7644 §3.4.2: what a list request asks for. */
export interface ListQuery {
  filter?: Filter;
  /** 1-based (§3.4.2.4); anything below 1 is read as 1. */
  startIndex: number;
  count: number;
  attributes: string[];
  excludedAttributes: string[];
}

export function readListQuery(query: Record<string, unknown>): ListQuery {
  const filter = single(query, 'filter');
  return {
    ...(filter !== undefined && filter.trim() !== '' && { filter: parseScimFilter(filter) }),
    startIndex: Math.max(1, integer(query, 'startIndex') ?? 1),
    // §3.4.2.4: a negative count is read as 0; more than the maximum as the maximum.
    count: Math.min(MAX_RESULTS, Math.max(0, integer(query, 'count') ?? MAX_RESULTS)),
    ...readProjection(query),
  };
}

/** §3.9 `attributes` / `excludedAttributes`: comma-separated attribute paths. */
export function readProjection(query: Record<string, unknown>): Pick<ListQuery, 'attributes' | 'excludedAttributes'> {
  return { attributes: paths(single(query, 'attributes')), excludedAttributes: paths(single(query, 'excludedAttributes')) };
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw ScimError.invalid('invalidValue', `${name} is given once`);
  return value;
}

function integer(query: Record<string, unknown>, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d{1,9}$/.test(value)) throw ScimError.invalid('invalidValue', `${name} must be an integer`);
  return Number(value);
}

function paths(value: string | undefined): string[] {
  return (value ?? '').split(',').map((path) => path.trim()).filter((path) => path !== '');
}
