/** PostgreSQL COPY text format: backslash escapes (https://www.postgresql.org/docs/current/sql-copy.html). */
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * The rows of `table` in a plain SQL script as pg_dump or pg_restore writes it (`COPY schema.table (cols)
 * FROM stdin;`, one tab-separated line per row, ended by `\.`); empty when the script holds none.
 */
export function copyRowsOf(script: string, table: string): Array<Record<string, string | null>> {
  const lines = script.split('\n');
  const header = new RegExp(`^COPY (?:"?\\w+"?\\.)?"?${table}"? \\((.*)\\) FROM stdin;$`);
  const start = lines.findIndex((line) => header.test(line));
  if (start < 0) return [];
  const columns = header.exec(lines[start])![1].split(', ').map((column) => column.replace(/^"|"$/g, ''));
  const rows: Array<Record<string, string | null>> = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '\\.') break;
    const fields = line.split('\t').map(decodeField);
    rows.push(Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? null])));
  }
  return rows;
}

function decodeField(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (_all, octal?: string, hex?: string, other?: string) => {
    if (octal) return String.fromCharCode(parseInt(octal, 8));
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    return ESCAPES[other!] ?? other!;
  });
}
