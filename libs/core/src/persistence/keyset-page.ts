import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isUuid } from './uuid';

export interface KeysetPage<T> {
  items: T[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

/** Where the previous page stopped: the ordering time as the cursor carries it (ISO 8601) and the row's id. */
export interface KeysetPosition {
  time: string;
  id: string;
}

/** How one list is ordered: by a timestamp, with the id breaking ties so that the order is total. */
export interface KeysetOrder {
  /** Columns as the query builder names them, alias included: `client.created_at`, `client.client_id`. */
  timeColumn: string;
  idColumn: string;
  /** ASC lists oldest first and goes on after the cursor; DESC lists newest first and goes on before it. */
  direction: 'ASC' | 'DESC';
  /** A uuid id column makes Postgres fail on any other text, so such a cursor must be refused as malformed. */
  idsAreUuids: boolean;
}

/**
 * Keyset pagination of one list: the cursor is the last row's `[time, id]` as base64url JSON, and the next
 * page is the rows strictly past it in the list's order, so pages stay stable while rows are added.
 */
export class KeysetPagination<T extends ObjectLiteral> {
  constructor(
    private readonly order: KeysetOrder,
    /** The row's values of the two columns. */
    private readonly positionOf: (row: T) => { time: Date; id: string },
  ) {}

  /** The position a cursor names; undefined for a malformed one, which the caller reports (the admin API as a 400). */
  decode(cursor: string): KeysetPosition | undefined {
    try {
      const [time, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
      if (typeof time === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(time)) && (!this.order.idsAreUuids || isUuid(id))) {
        return { time, id };
      }
    } catch {
      // not base64url JSON of an array: malformed like any other
    }
    return undefined;
  }

  isValidCursor(cursor: string): boolean {
    return this.decode(cursor) !== undefined;
  }

  /** The cursor of the page that follows `row`. */
  encode(row: T): string {
    const { time, id } = this.positionOf(row);
    return Buffer.from(JSON.stringify([time.toISOString(), id])).toString('base64url');
  }

  /** Up to `limit` rows of the query past `after`; one more is fetched only to learn whether a next page exists. */
  async readPage(query: SelectQueryBuilder<T>, limit: number, after?: KeysetPosition): Promise<KeysetPage<T>> {
    const { timeColumn, idColumn, direction } = this.order;
    // Any other ordering would make the cursor condition skip or repeat rows, so this one replaces it.
    query.orderBy(timeColumn, direction).addOrderBy(idColumn, direction);
    if (after) {
      query.andWhere(`(${timeColumn}, ${idColumn}) ${direction === 'ASC' ? '>' : '<'} (:keysetTime, :keysetId)`, {
        keysetTime: after.time,
        keysetId: after.id,
      });
    }
    const rows = await query.limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? this.encode(last) : null };
  }
}
