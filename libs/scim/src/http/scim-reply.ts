import type { FastifyReply } from 'fastify';
import { ScimError, SCIM_CONTENT_TYPE } from './scim-error';

type Resource = Record<string, unknown>;

/** RFC 7644 §3.1 and §3.14: the media type, the entity tag, and for a creation the Location of the new resource. */
export function answer(reply: FastifyReply, resource: Resource, created = false): Resource {
  void reply.type(SCIM_CONTENT_TYPE);
  const meta = resource.meta as { version?: string; location?: string } | undefined;
  if (meta?.version) void reply.header('ETag', meta.version);
  if (created) {
    void reply.status(201);
    if (meta?.location) void reply.header('Location', meta.location);
  }
  return resource;
}

/** RFC 7644 §3.14 / RFC 7232 §3.1: If-Match names the version the client read; a changed resource is 412. */
export function checkIfMatch(ifMatch: string | undefined, current: Resource): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const version = weak((current.meta as { version: string }).version);
  if (!ifMatch.split(',').some((tag) => weak(tag.trim()) === version)) {
    throw new ScimError(412, undefined, 'The resource changed since that version was read');
  }
}

function weak(tag: string): string {
  return tag.replace(/^W\//, '');
}
