import { findAttribute, ScimAttribute } from './scim-attributes';
import { COMMON_ATTRIBUTES, ResourceSchema, ScimSchema } from './scim-schemas';

/** Where attribute names are looked up: a resource (core, extensions, common) or one complex value's sub-attributes. */
export interface AttributeScope {
  attributes: readonly ScimAttribute[];
  extensions: readonly ScimSchema[];
  coreId?: string;
}

/** An attribute path (RFC 7644 §3.10) resolved against a scope, with names in their schema spelling. */
export interface AttributeRef {
  /** The extension URN holding the attribute; undefined for core and common attributes. */
  extension?: string;
  /** Undefined when the path names a whole extension. */
  attribute?: ScimAttribute;
  sub?: ScimAttribute;
}

export function resourceScope(schema: ResourceSchema): AttributeScope {
  return { attributes: [...COMMON_ATTRIBUTES, ...schema.core.attributes], extensions: schema.extensions, coreId: schema.core.id };
}

export function valueScope(attribute: ScimAttribute): AttributeScope {
  return { attributes: attribute.subAttributes ?? [], extensions: [] };
}

/**
 * `name.givenName`, `urn:...:enterprise:2.0:User:manager.value`, `urn:...:core:2.0:User:userName`, or a
 * bare extension URN. Names are case-insensitive (RFC 7643 §2.1); undefined when the scope has no such attribute.
 */
export function resolveAttribute(scope: AttributeScope, path: string): AttributeRef | undefined {
  const lower = path.toLowerCase();
  for (const extension of scope.extensions) {
    const id = extension.id.toLowerCase();
    if (lower === id) return { extension: extension.id };
    if (lower.startsWith(`${id}:`)) return resolveIn(extension.attributes, path.slice(id.length + 1), extension.id);
  }
  const core = scope.coreId?.toLowerCase();
  const local = core && lower.startsWith(`${core}:`) ? path.slice(core.length + 1) : path;
  return resolveIn(scope.attributes, local, undefined);
}

function resolveIn(attributes: readonly ScimAttribute[], path: string, extension: string | undefined): AttributeRef | undefined {
  const [name, subName, ...deeper] = path.split('.');
  if (deeper.length > 0) return undefined;
  const attribute = findAttribute(attributes, name);
  if (!attribute) return undefined;
  if (subName === undefined) return { extension, attribute };
  const sub = findAttribute(attribute.subAttributes ?? [], subName);
  return sub ? { extension, attribute, sub } : undefined;
}

/** The object holding the attribute a reference names: the resource itself, or its extension's object. */
export function containerOf(resource: Record<string, unknown>, ref: AttributeRef, create: boolean): Record<string, unknown> | undefined {
  if (!ref.extension) return resource;
  const existing = resource[ref.extension];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: Record<string, unknown> = {};
  resource[ref.extension] = made;
  return made;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
