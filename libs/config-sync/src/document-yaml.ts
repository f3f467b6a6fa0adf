import { parse, stringify } from 'yaml';
import type { ConfigDocument } from './config-document';
import { problemAt } from './field-path';

/** YAML of a document: block style, no line folding, keys in the order the document holds them. */
export function documentToYaml(document: ConfigDocument): string {
  return stringify(document, { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false });
}

/**
 * A body as sent: a JSON object already parsed, or YAML text (JSON is YAML too). Aliases are capped so a
 * small file cannot expand into a huge one.
 */
export function readDocumentBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return parse(body, { maxAliasCount: 50, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'unreadable';
    throw problemAt('document', `is not valid YAML: ${reason}`);
  }
}
