import type { Compare, Filter } from 'scim2-parse-filter';
import { AttributeScope, isObject, resolveAttribute, valueScope } from '../schema/attribute-path';
import type { ScimAttribute } from '../schema/scim-attributes';

type Comparable = string | number | boolean;

/**
 * RFC 7644 §3.4.2.2 over a resource in its SCIM form: attribute names and, unless the attribute is
 * caseExact, string values compare without regard to case; a multi-valued attribute matches when one of
 * its values does; an attribute the schema does not define matches nothing.
 */
export function matchesFilter(filter: Filter, resource: Record<string, unknown>, scope: AttributeScope): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((inner) => matchesFilter(inner, resource, scope));
    case 'or':
      return filter.filters.some((inner) => matchesFilter(inner, resource, scope));
    case 'not':
      return !matchesFilter(filter.filter, resource, scope);
    case '[]': {
      const { values, attribute } = valuesAt(resource, scope, filter.attrPath);
      if (!attribute) return false;
      const inner = valueScope(attribute);
      return values.some((value) => isObject(value) && matchesFilter(filter.valFilter, value, inner));
    }
    case 'pr':
      return valuesAt(resource, scope, filter.attrPath).values.some(isPresent);
    case 'ne':
      return !matchesFilter({ ...filter, op: 'eq' }, resource, scope);
    default:
      return compareAny(filter, resource, scope);
  }
}

function compareAny(filter: Compare, resource: Record<string, unknown>, scope: AttributeScope): boolean {
  const { values, attribute } = valuesAt(resource, scope, filter.attrPath);
  if (!attribute) return false;
  if (filter.compValue === null) return filter.op === 'eq' && !values.some(isPresent);
  return values.some((value) => {
    // A complex value compares by its `value` (`emails co "@example.com"`).
    const actual = isObject(value) ? value.value : value;
    return isComparable(actual) && compare(filter.op, actual, filter.compValue as Comparable, attribute);
  });
}

function compare(op: Compare['op'], actual: Comparable, expected: Comparable, attribute: ScimAttribute): boolean {
  if (typeof actual === 'boolean' || typeof expected === 'boolean') return op === 'eq' && actual === expected;
  let left: string | number = actual;
  let right: string | number = expected;
  if (attribute.type === 'dateTime') {
    left = Date.parse(String(actual));
    right = Date.parse(String(expected));
    if (Number.isNaN(left) || Number.isNaN(right)) return false;
  } else if (typeof left === 'string' || typeof right === 'string') {
    left = String(left);
    right = String(right);
    if (!attribute.caseExact) {
      left = left.toLowerCase();
      right = right.toLowerCase();
    }
  }
  switch (op) {
    case 'eq': return left === right;
    case 'co': return String(left).includes(String(right));
    case 'sw': return String(left).startsWith(String(right));
    case 'ew': return String(left).endsWith(String(right));
    case 'gt': return left > right;
    case 'ge': return left >= right;
    case 'lt': return left < right;
    case 'le': return left <= right;
    default: return false;
  }
}

/** Every value the path reaches, arrays flattened, and the attribute it names. */
function valuesAt(resource: Record<string, unknown>, scope: AttributeScope, path: string): { values: unknown[]; attribute?: ScimAttribute } {
  const ref = resolveAttribute(scope, path);
  if (!ref?.attribute) return { values: [] };
  const container = ref.extension ? resource[ref.extension] : resource;
  if (!isObject(container)) return { values: [], attribute: ref.sub ?? ref.attribute };
  let values = flatten([container[ref.attribute.name]]);
  if (ref.sub) values = flatten(values.map((value) => (isObject(value) ? value[ref.sub!.name] : undefined)));
  return { values, attribute: ref.sub ?? ref.attribute };
}

function flatten(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? value : [value])).filter((value) => value !== undefined && value !== null);
}

function isComparable(value: unknown): value is Comparable {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isPresent(value: unknown): boolean {
  if (value === '' || value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isObject(value) || Object.keys(value).length > 0;
}
