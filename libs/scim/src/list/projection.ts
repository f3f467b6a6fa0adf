import { AttributeScope, containerOf, isObject, resolveAttribute } from '../schema/attribute-path';

type Resource = Record<string, unknown>;

/**
 * RFC 7644 §3.9 `attributes` (only these, and those returned always) or `excludedAttributes` (all but
 * these), each an attribute or sub-attribute path. `schemas` and `id` are always returned.
 */
export function project(resource: Resource, scope: AttributeScope, attributes: readonly string[], excluded: readonly string[]): Resource {
  if (attributes.length > 0) return keepOnly(resource, scope, attributes);
  if (excluded.length === 0) return resource;
  const result = structuredClone(resource);
  for (const path of excluded) {
    const ref = resolveAttribute(scope, path);
    if (!ref) continue;
    if (!ref.attribute) {
      delete result[ref.extension!];
      continue;
    }
    if (ref.attribute.returned === 'always') continue;
    const container = containerOf(result, ref, false);
    if (!container) continue;
    const value = container[ref.attribute.name];
    if (!ref.sub) delete container[ref.attribute.name];
    else for (const single of Array.isArray(value) ? value : [value]) if (isObject(single)) delete single[ref.sub.name];
  }
  return result;
}

function keepOnly(resource: Resource, scope: AttributeScope, attributes: readonly string[]): Resource {
  const result: Resource = { schemas: resource.schemas, id: resource.id };
  for (const path of attributes) {
    const ref = resolveAttribute(scope, path);
    if (!ref) continue;
    if (!ref.attribute) {
      if (resource[ref.extension!] !== undefined) result[ref.extension!] = resource[ref.extension!];
      continue;
    }
    const source = containerOf(resource, ref, false);
    const value = source?.[ref.attribute.name];
    if (value === undefined) continue;
    const target = containerOf(result, ref, true)!;
    if (!ref.sub) {
      target[ref.attribute.name] = value;
    } else if (Array.isArray(value)) {
      target[ref.attribute.name] = value.filter(isObject).map((single) => pick(single, ref.sub!.name));
    } else if (isObject(value)) {
      target[ref.attribute.name] = { ...(isObject(target[ref.attribute.name]) ? (target[ref.attribute.name] as Resource) : {}), ...pick(value, ref.sub.name) };
    }
  }
  return result;
}

function pick(value: Resource, key: string): Resource {
  return value[key] === undefined ? {} : { [key]: value[key] };
}
