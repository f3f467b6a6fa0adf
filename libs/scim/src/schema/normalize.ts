import { ScimError } from '../http/scim-error';
import { AttributeScope, containerOf, isObject, resolveAttribute } from './attribute-path';
import { findAttribute, ScimAttribute } from './scim-attributes';

/**
 * A resource as a client sent it, in the schema's spelling: names matched without case, attributes the
 * schema does not define left out, `"True"`/`"False"` (as Entra ID sends booleans) read as booleans, and
 * anything else of the wrong type refused (400 invalidValue). Read-only attributes (`id`, `meta`) are left
 * to the caller, which checks them against the stored resource.
 */
export function normalizeResource(scope: AttributeScope, body: Record<string, unknown>): Record<string, unknown> {
  const resource: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.toLowerCase() === 'schemas') continue;
    const ref = resolveAttribute(scope, key);
    if (!ref) continue;
    if (!ref.attribute) {
      if (!isObject(value)) throw ScimError.invalid('invalidValue', `${ref.extension} must be an object`);
      const extension = scope.extensions.find((candidate) => candidate.id === ref.extension)!;
      resource[extension.id] = normalizeObject(extension.attributes, value, extension.id);
      continue;
    }
    if (ref.attribute.mutability === 'readOnly') continue;
    const container = containerOf(resource, ref, true)!;
    if (ref.sub) {
      const parent = isObject(container[ref.attribute.name]) ? (container[ref.attribute.name] as Record<string, unknown>) : {};
      setValue(parent, ref.sub, normalizeValue(ref.sub, value, key));
      container[ref.attribute.name] = parent;
    } else {
      setValue(container, ref.attribute, normalizeValue(ref.attribute, value, key));
    }
  }
  return resource;
}

export function setValue(container: Record<string, unknown>, attribute: ScimAttribute, value: unknown): void {
  if (value === undefined) delete container[attribute.name];
  else container[attribute.name] = value;
}

function normalizeObject(attributes: readonly ScimAttribute[], body: Record<string, unknown>, path: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const attribute = findAttribute(attributes, key);
    if (!attribute || attribute.mutability === 'readOnly') continue;
    setValue(result, attribute, normalizeValue(attribute, value, `${path}.${key}`));
  }
  return result;
}

/** One attribute's value in its schema type; undefined for null or empty (RFC 7644 §3.5.1: unassigned). */
export function normalizeValue(attribute: ScimAttribute, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (attribute.multiValued) {
    const values = (Array.isArray(value) ? value : [value]).map((single) => normalizeSingle(attribute, single, path)).filter((single) => single !== undefined);
    return values.length === 0 ? undefined : values;
  }
  return normalizeSingle(attribute, value, path);
}

function normalizeSingle(attribute: ScimAttribute, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (attribute.type) {
    case 'complex': {
      // Entra ID sends the enterprise manager as the bare id: read a string as the complex value's `value`.
      if (typeof value === 'string' && findAttribute(attribute.subAttributes ?? [], 'value')) return normalizeSingle(attribute, { value }, path);
      if (!isObject(value)) throw ScimError.invalid('invalidValue', `${path} must be an object`);
      const result = normalizeObject(attribute.subAttributes ?? [], value, path);
      return Object.keys(result).length === 0 ? undefined : result;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw ScimError.invalid('invalidValue', `${path} must be true or false`);
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      throw ScimError.invalid('invalidValue', `${path} must be an integer`);
    default:
      if (typeof value === 'number') return String(value);
      if (typeof value !== 'string') throw ScimError.invalid('invalidValue', `${path} must be a string`);
      if (value.length > MAX_STRING || value.includes('\u0000')) throw ScimError.invalid('invalidValue', `${path} is too long or holds a NUL character`);
      return value === '' ? undefined : value;
  }
}

/** Longer than any attribute a directory holds; keeps one resource's stored JSON small. */
const MAX_STRING = 2048;
