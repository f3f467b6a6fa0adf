import type { Entry } from 'ldapts';

/** The first value of an attribute as text, whatever case the server spelled its name in. */
export function textOf(entry: Entry, attribute: string): string | undefined {
  const value = valueOf(entry, attribute);
  if (value === undefined) return undefined;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  return text === '' ? undefined : text;
}

/**
 * The entry's stable id as text: entryUUID (OpenLDAP, RFC 4530) is text already; Active Directory's
 * objectGUID is 16 bytes, written in its usual form (the first three groups little-endian).
 */
export function idOf(entry: Entry, attribute: string): string | undefined {
  const value = valueOf(entry, attribute);
  if (value === undefined) return undefined;
  if (Buffer.isBuffer(value)) return value.length === 16 ? guidText(value) : value.toString('hex');
  return value.toLowerCase() || undefined;
}

export function guidText(bytes: Buffer): string {
  const hex = (start: number, end: number, reverse: boolean) => {
    const part = [...bytes.subarray(start, end)];
    return (reverse ? part.reverse() : part).map((byte) => byte.toString(16).padStart(2, '0')).join('');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

/** Attributes whose values are binary and must be read as bytes. */
export function isBinaryAttribute(attribute: string): boolean {
  return ['objectguid', 'objectsid'].includes(attribute.toLowerCase());
}

function valueOf(entry: Entry, attribute: string): string | Buffer | undefined {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase());
  const raw = key === undefined ? undefined : entry[key];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first ?? undefined;
}
