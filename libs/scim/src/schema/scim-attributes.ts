/** RFC 7643 §7: the attribute characteristics a schema publishes, and that filters and PATCH obey. */
export interface ScimAttribute {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime' | 'integer';
  multiValued: boolean;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: ScimAttribute[];
  referenceTypes?: string[];
  canonicalValues?: string[];
  description: string;
}

type Options = Partial<Omit<ScimAttribute, 'name' | 'type' | 'description'>>;

function attribute(name: string, type: ScimAttribute['type'], description: string, options: Options = {}): ScimAttribute {
  return { name, type, multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', description, ...options };
}

export const text = (name: string, description: string, options?: Options) => attribute(name, 'string', description, options);
export const flag = (name: string, description: string, options?: Options) => attribute(name, 'boolean', description, options);
export const reference = (name: string, description: string, referenceTypes: string[], options?: Options) => attribute(name, 'reference', description, { referenceTypes, ...options });
export const complex = (name: string, description: string, subAttributes: ScimAttribute[], options?: Options) => attribute(name, 'complex', description, { subAttributes, ...options });

/** RFC 7643 §2.4: the sub-attributes every multi-valued attribute like emails or phoneNumbers shares. */
export function multiValued(name: string, description: string, types: string[], extra: ScimAttribute[] = []): ScimAttribute {
  return complex(name, description, [
    text('value', `The ${name} value`),
    text('display', 'A human-readable name, for display only', { mutability: 'readOnly' }),
    text('type', 'A label saying what the value is for', { canonicalValues: types }),
    flag('primary', 'The preferred value of the attribute'),
    ...extra,
  ], { multiValued: true });
}

/** The attribute of this name (case-insensitive, RFC 7643 §2.1), among `attributes`. */
export function findAttribute(attributes: readonly ScimAttribute[], name: string): ScimAttribute | undefined {
  const wanted = name.toLowerCase();
  return attributes.find((candidate) => candidate.name.toLowerCase() === wanted);
}
