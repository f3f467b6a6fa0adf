import type { Compare, Filter } from 'scim2-parse-filter';
import { escapeLike, isUuid } from '@app/core';
import { AttributeScope, resolveAttribute } from '../schema/attribute-path';

/**
 * How one SCIM attribute is read in SQL: `text` compares without case (an index on lower() serves eq).
 * An expression no index covers (one spanning two tables) can name `eqCandidates`: a condition on the
 * bound lower-case value that every eq match meets and indexes serve, put in front of the exact test.
 */
export type SqlColumn =
  | { kind: 'text'; expression: string; eqCandidates?: (value: string) => string }
  | { kind: 'exact'; expression: string }
  | { kind: 'uuid'; expression: string }
  | { kind: 'boolean'; expression: string };

/** Attribute paths in their schema spelling (`userName`, `meta.created`) and their columns. */
export type SqlColumns = Readonly<Record<string, SqlColumn>>;

/**
 * A SQL condition every resource matching `filter` meets, built from the parts of the filter that name
 * columns; undefined when nothing narrows. It may let through more than the filter does (a `not`, or an
 * attribute kept only in JSON, narrows nothing), so the caller still evaluates the filter on what it reads.
 * The conditions Entra ID and Okta send (`userName eq`, `externalId eq`, `displayName eq`) are exact here.
 * Values are bound as parameters, appended to `params`.
 */
export function sqlNarrowing(filter: Filter, scope: AttributeScope, columns: SqlColumns, params: unknown[]): string | undefined {
  switch (filter.op) {
    case 'and': {
      const parts = filter.filters.map((inner) => sqlNarrowing(inner, scope, columns, params)).filter((part): part is string => part !== undefined);
      return parts.length === 0 ? undefined : `(${parts.join(' AND ')})`;
    }
    case 'or': {
      const parts = filter.filters.map((inner) => sqlNarrowing(inner, scope, columns, params));
      // One branch that narrows nothing lets everything through.
      if (parts.some((part) => part === undefined)) return undefined;
      return `(${parts.join(' OR ')})`;
    }
    case 'not':
    case '[]':
    case 'pr':
    case 'ne':
      return undefined;
    default:
      return comparison(filter, scope, columns, params);
  }
}

function comparison(filter: Compare, scope: AttributeScope, columns: SqlColumns, params: unknown[]): string | undefined {
  const ref = resolveAttribute(scope, filter.attrPath);
  if (!ref?.attribute || ref.extension) return undefined;
  const column = columns[ref.sub ? `${ref.attribute.name}.${ref.sub.name}` : ref.attribute.name];
  const value = filter.compValue;
  if (!column || value === null) return undefined;
  const bind = (bound: unknown) => {
    params.push(bound);
    return `$${params.length}`;
  };
  switch (column.kind) {
    case 'boolean':
      return filter.op === 'eq' && typeof value === 'boolean' ? `${column.expression} = ${bind(value)}` : undefined;
    case 'uuid':
      if (filter.op !== 'eq') return undefined;
      return typeof value === 'string' && isUuid(value) ? `${column.expression} = ${bind(value)}` : 'FALSE';
    case 'exact':
      return typeof value === 'string' ? textComparison(filter.op, column.expression, value, bind) : undefined;
    case 'text': {
      if (typeof value !== 'string') return undefined;
      const exact = textComparison(filter.op, `lower(${column.expression})`, value.toLowerCase(), bind);
      // The exact test binds the value first: the candidates reuse that parameter.
      return filter.op === 'eq' && column.eqCandidates ? `(${column.eqCandidates(`$${params.length}`)} AND ${exact})` : exact;
    }
  }
}

function textComparison(op: Compare['op'], expression: string, value: string, bind: (value: unknown) => string): string | undefined {
  switch (op) {
    case 'eq': return `${expression} = ${bind(value)}`;
    case 'sw': return `${expression} LIKE ${bind(`${escapeLike(value)}%`)}`;
    case 'ew': return `${expression} LIKE ${bind(`%${escapeLike(value)}`)}`;
    case 'co': return `${expression} LIKE ${bind(`%${escapeLike(value)}%`)}`;
    default: return undefined;
  }
}
