/**
 * Expand/contract: while release N+1 migrates, instances of release N still serve on the same database,
 * so a release's migrations only add (tables, nullable columns or columns with a default, indexes).
 * Dropping, renaming or tightening what N reads or writes is a contract step, shipped in a later release
 * once no running version uses it, and marked in its statement with a `-- contract: <why it is safe now>`
 * comment so a reviewer sees it was meant.
 */
export const CONTRACT_MARKER = /--\s*contract:\s*\S/i;

export type ContractStepKind = 'drop column' | 'rename' | 'set not null' | 'change column type' | 'not null column without default' | 'drop table';

export interface ContractStep {
  kind: ContractStepKind;
  statement: string;
}

/** Contract steps in a migration's SQL that carry no contract marker. */
export function unmarkedContractSteps(sql: string): ContractStep[] {
  if (CONTRACT_MARKER.test(sql)) return [];
  return splitTopLevel(withoutComments(sql), ';').flatMap((statement) => contractStepsOf(statement.trim()));
}

function contractStepsOf(statement: string): ContractStep[] {
  const found = (kind: ContractStepKind): ContractStep => ({ kind, statement: statement.replace(/\s+/g, ' ') });
  if (/^DROP\s+TABLE\b/i.test(statement)) return [found('drop table')];
  const alter = /^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?\S+\s+([\s\S]*)$/i.exec(statement);
  if (!alter) return [];
  return splitTopLevel(alter[1], ',').flatMap((action) => {
    const kind = contractKindOf(action.trim());
    return kind ? [found(kind)] : [];
  });
}

function contractKindOf(action: string): ContractStepKind | undefined {
  if (/^DROP\s+(?=\S)(?!CONSTRAINT\b)/i.test(action)) return 'drop column';
  if (/^RENAME\b/i.test(action)) return 'rename';
  if (/^ALTER\s+(?:COLUMN\s+)?\S+\s+SET\s+NOT\s+NULL\b/i.test(action)) return 'set not null';
  if (/^ALTER\s+(?:COLUMN\s+)?\S+\s+(?:SET\s+DATA\s+)?TYPE\b/i.test(action)) return 'change column type';
  const added = /^ADD\s+(?=\S)(?!CONSTRAINT\b|PRIMARY\b|UNIQUE\b|FOREIGN\b|CHECK\b|EXCLUDE\b)(?:COLUMN\s+)?([\s\S]*)$/i.exec(action);
  // Old code inserting rows without the new column would fail on NOT NULL unless the database fills it in.
  if (added && /\bNOT\s+NULL\b/i.test(added[1]) && !/\bDEFAULT\b|\bGENERATED\b/i.test(added[1])) return 'not null column without default';
  return undefined;
}

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}

/** Splits on `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim() !== '');
}
