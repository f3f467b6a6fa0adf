import { ScimError } from '../http/scim-error';
import { matchesFilter } from '../filter/filter-evaluator';
import { attributePathsOf } from '../filter/scim-filter';
import { sqlNarrowing, SqlColumns } from '../filter/filter-sql';
import type { AttributeScope } from '../schema/attribute-path';
import { LIST_RESPONSE_SCHEMA } from '../schema/scim-schemas';
import type { ScimResourceRepository } from '../storage/scim-resource.repository';
import type { ListQuery } from './list-query';
import { project } from './projection';

type Resource = Record<string, unknown>;

/**
 * The most people or groups a filter SQL cannot narrow is evaluated over; past it the answer is 400
 * tooMany (RFC 7644 §3.12) rather than reading a whole directory into memory.
 */
export const MAX_FILTER_CANDIDATES = 2000;

export interface ListSource<Row> {
  kind: 'user' | 'group';
  scope: AttributeScope;
  columns: SqlColumns;
  /** A page of rows at once, in their order, so a costly attribute (group members) is one read per page. */
  renderPage(rows: Row[], query: ListQuery): Promise<Resource[]>;
}

/**
 * RFC 7644 §3.4.2 ListResponse. Without a filter, one SQL page. With one, SQL narrows to the candidates
 * (exactly, for the eq lookups provisioning clients make) and the filter decides on each rendered resource.
 */
export async function listResources<Row>(repository: ScimResourceRepository, source: ListSource<Row>, query: ListQuery): Promise<Resource> {
  const offset = query.startIndex - 1;
  let total: number;
  let page: Resource[];
  if (!query.filter) {
    total = await repository.count(source.kind, undefined, []);
    const rows = query.count === 0 ? [] : ((await repository.list(source.kind, undefined, [], query.count, offset)) as Row[]);
    page = await source.renderPage(rows, query);
  } else {
    const params: unknown[] = [];
    const where = sqlNarrowing(query.filter, source.scope, source.columns, params);
    const candidates = (await repository.list(source.kind, where, params, MAX_FILTER_CANDIDATES + 1, 0)) as Row[];
    if (candidates.length > MAX_FILTER_CANDIDATES) {
      throw ScimError.invalid('tooMany', 'The filter needs more resources evaluated than allowed; filter on userName, externalId or displayName');
    }
    // An excluded attribute is still read when the filter needs it (members is costly to read for nothing).
    const read = attributePathsOf(query.filter).map((path) => path.toLowerCase());
    const needed = (path: string) => read.some((used) => used === path.toLowerCase() || used.startsWith(`${path.toLowerCase()}.`));
    const renderQuery = { ...query, excludedAttributes: query.excludedAttributes.filter((path) => !needed(path)) };
    const filter = query.filter;
    const matched = (await source.renderPage(candidates, renderQuery)).filter((resource) => matchesFilter(filter, resource, source.scope));
    total = matched.length;
    page = matched.slice(offset, offset + query.count);
  }
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: total,
    itemsPerPage: page.length,
    startIndex: query.startIndex,
    Resources: page.map((resource) => project(resource, source.scope, query.attributes, query.excludedAttributes)),
  };
}
