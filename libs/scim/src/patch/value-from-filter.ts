import type { Filter } from 'scim2-parse-filter';
import { AttributeScope, resolveAttribute } from '../schema/attribute-path';

/**
 * The value a filter of equalities describes: `type eq "work" and primary eq true` gives
 * `{type: "work", primary: true}`. Undefined for any other filter, which says too little to build one.
 */
export function valueFromFilter(filter: Filter, scope: AttributeScope): Record<string, unknown> | undefined {
  if (filter.op === 'and') {
    const parts = filter.filters.map((inner) => valueFromFilter(inner, scope));
    if (parts.some((part) => part === undefined)) return undefined;
    return Object.assign({}, ...parts) as Record<string, unknown>;
  }
  if (filter.op !== 'eq' || filter.compValue === null) return undefined;
  const ref = resolveAttribute(scope, filter.attrPath);
  if (!ref?.attribute || ref.sub || ref.attribute.mutability === 'readOnly') return undefined;
  return { [ref.attribute.name]: filter.compValue };
}
