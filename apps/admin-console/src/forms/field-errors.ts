import { ApiFailure } from '../api';

/** `redirect_uris[2]` names the third line of a list field; a plain field name gives undefined. */
function listItem(field: string): { name: string; line: number } | undefined {
  const [, name, index] = /^([a-z_]+)\[(\d+)\]$/.exec(field) ?? [];
  return name === undefined || index === undefined ? undefined : { name, line: Number(index) + 1 };
}

/** The messages of an admin API refusal by field name; `redirect_uris[2]` also counts for `redirect_uris`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiFailure)) return {};
  const out: Record<string, string> = {};
  const add = (field: string, message: string) => {
    const earlier = out[field];
    out[field] = earlier ? `${earlier}; ${message}` : message;
  };
  for (const [field, message] of Object.entries(error.fields)) {
    const item = listItem(field);
    if (item) add(item.name, `line ${item.line}: ${message}`);
    else add(field, message);
  }
  return out;
}
