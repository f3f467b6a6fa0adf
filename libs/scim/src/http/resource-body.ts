import { ScimError } from './scim-error';
import { isObject } from '../schema/attribute-path';

type Resource = Record<string, unknown>;

/** A POST or PUT body: a resource of `schema` (RFC 7644 §3.3), whose `id`, if sent, is the one in the URL. */
export function resourceBody(body: unknown, schema: string, id?: string): Resource {
  if (!isObject(body)) throw ScimError.invalid('invalidSyntax', 'The body is a JSON object');
  if (body.schemas !== undefined && (!Array.isArray(body.schemas) || !body.schemas.includes(schema))) {
    throw ScimError.invalid('invalidSyntax', `schemas must include ${schema}`);
  }
  // RFC 7643 §3.1: id is assigned by the service provider and never changes.
  if (body.id !== undefined && body.id !== id) throw ScimError.invalid('mutability', 'id is assigned by the service provider and cannot be changed');
  return body;
}

/** The resource without `meta`, as PATCH operations see it. */
export function withoutMeta(resource: Resource): Resource {
  const { meta: _meta, ...rest } = resource;
  return rest;
}
