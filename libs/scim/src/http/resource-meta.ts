import { createHash } from 'node:crypto';

type Resource = Record<string, unknown>;

/**
 * RFC 7643 §3.1 `meta`, last in the resource. The version is a weak entity tag of everything else the
 * resource says, so any change (through SCIM or the admin API) gives a new one without a counter to keep.
 * A resource read without some of its attributes (a group without its members) has no version to give.
 */
export function withMeta(resource: Resource, meta: { resourceType: string; created: Date; lastModified: Date; location: string }, complete = true): Resource {
  return {
    ...resource,
    meta: {
      resourceType: meta.resourceType,
      created: meta.created.toISOString(),
      lastModified: meta.lastModified.toISOString(),
      location: meta.location,
      ...(complete && { version: versionOf(resource) }),
    },
  };
}

export function versionOf(resource: Resource): string {
  return `W/"${createHash('sha256').update(JSON.stringify(resource)).digest('base64url').slice(0, 22)}"`;
}

export function latest(first: Date, second: Date | null): Date {
  return second && second > first ? second : first;
}
