import { API_VERSION, ConfigDocument, ConfigObject, emptyDocument, KEY_FIELD, KIND, SECTIONS } from './config-document';
import { problemAt } from './field-path';

/**
 * The outer shape of a document: its version and kind, each section a list of objects, each object with
 * its key, no key twice (group names compared regardless of case, as the server compares them).
 */
export function checkEnvelope(raw: unknown): ConfigDocument {
  if (!isRecord(raw)) throw problemAt('document', 'must be a YAML or JSON object');
  if (raw.apiVersion !== API_VERSION) throw problemAt('apiVersion', `must be ${API_VERSION}`);
  if (raw.kind !== KIND) throw problemAt('kind', `must be ${KIND}`);
  const document = emptyDocument();
  for (const section of SECTIONS) {
    const list = raw[section] ?? [];
    if (!Array.isArray(list)) throw problemAt(section, 'must be a list');
    const key = KEY_FIELD[section];
    const seen = new Set<string>();
    document[section] = list.map((object: unknown, index): ConfigObject => {
      const path = `${section}[${index}]`;
      if (!isRecord(object)) throw problemAt(path, 'must be an object');
      const value = object[key];
      if (typeof value !== 'string' || value.length === 0) throw problemAt(`${path}.${key}`, 'is required');
      const seenAs = section === 'groups' ? value.toLowerCase() : value;
      if (seen.has(seenAs)) throw problemAt(`${path}.${key}`, `${value.slice(0, 100)} is listed twice`);
      seen.add(seenAs);
      return object;
    });
  }
  return document;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
