import { Filter, parse } from 'scim2-parse-filter';
import { ScimError } from '../http/scim-error';

export type { Filter } from 'scim2-parse-filter';

/** Longer filters than any provisioning client sends are refused before parsing. */
const MAX_FILTER_LENGTH = 2000;

/** RFC 7644 §3.4.2.2: a filter, or 400 invalidFilter. */
export function parseScimFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw ScimError.invalid('invalidFilter', 'The filter is too long');
  let filter: Filter;
  try {
    filter = parse(text);
  } catch {
    throw ScimError.invalid('invalidFilter', 'The filter is not a valid SCIM filter');
  }
  return correlate(filter);
}

/**
 * The parser reads `emails[type eq "work"].value eq "x"` as two independent conditions, `emails[type eq
 * "work"] and emails.value eq "x"`, which a person with a home address "x" and any work address would
 * match. RFC 7644 §3.4.2.2 means one value meeting both: `emails[type eq "work" and value eq "x"]`.
 */
function correlate(filter: Filter): Filter {
  switch (filter.op) {
    case 'and':
    case 'or': {
      const filters = filter.filters.map(correlate);
      const [first, second] = filters;
      if (filter.op === 'and' && filters.length === 2 && first.op === '[]' && second.op !== '[]' && 'attrPath' in second) {
        const prefix = `${first.attrPath.toLowerCase()}.`;
        if (second.attrPath.toLowerCase().startsWith(prefix)) {
          const inner = { ...second, attrPath: second.attrPath.slice(prefix.length) } as Filter;
          return { op: '[]', attrPath: first.attrPath, valFilter: { op: 'and', filters: [first.valFilter, inner] } };
        }
      }
      return { op: filter.op, filters };
    }
    case 'not':
      return { op: 'not', filter: correlate(filter.filter) };
    case '[]':
      return { ...filter, valFilter: correlate(filter.valFilter) };
    default:
      return filter;
  }
}

/** The attribute paths a filter reads, value paths with their sub-attributes (`emails.type`). */
export function attributePathsOf(filter: Filter): string[] {
  switch (filter.op) {
    case 'and':
    case 'or':
      return filter.filters.flatMap(attributePathsOf);
    case 'not':
      return attributePathsOf(filter.filter);
    case '[]':
      return [filter.attrPath, ...attributePathsOf(filter.valFilter).map((path) => `${filter.attrPath}.${path}`)];
    default:
      return [filter.attrPath];
  }
}
