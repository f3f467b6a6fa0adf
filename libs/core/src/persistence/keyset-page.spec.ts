import { SelectQueryBuilder } from 'typeorm';
import { KeysetOrder, KeysetPagination } from './keyset-page';

interface Row {
  createdAt: Date;
  id: string;
}

const order: KeysetOrder = { timeColumn: 'row.created_at', idColumn: 'row.id', direction: 'ASC', idsAreUuids: true };
const positionOf = (row: Row) => ({ time: row.createdAt, id: row.id });

function row(n: number): Row {
  return { createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, n)), id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` };
}

/** Stands in for a query builder: records what the pagination asks of it and answers with `rows`. */
function fakeQuery(rows: Row[]) {
  const calls: { orderBy: unknown[][]; where: unknown[][]; limit?: number } = { orderBy: [], where: [] };
  const query = {
    orderBy: (...args: unknown[]) => ((calls.orderBy = [args]), query),
    addOrderBy: (...args: unknown[]) => (calls.orderBy.push(args), query),
    andWhere: (...args: unknown[]) => (calls.where.push(args), query),
    limit: (limit: number) => ((calls.limit = limit), query),
    getMany: async () => rows.slice(0, calls.limit),
  };
  return { query: query as unknown as SelectQueryBuilder<Row>, calls };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe(KeysetPagination.name, () => {
  const sut = new KeysetPagination(order, positionOf);

  it('decodes the cursor it encodes back to the row’s time and id', () => {
    const cursor = sut.encode(row(7));
    expect(sut.decode(cursor)).toEqual({ time: row(7).createdAt.toISOString(), id: row(7).id });
    expect(sut.isValidCursor(cursor)).toBe(true);
  });

  // The admin API answers an invalid cursor with invalid_request (400) because these are undefined.
  it.each([
    ['garbage', 'garbage'],
    ['tampered', sut.encode(row(7)).slice(0, -3)],
    ['not an array', base64url({ time: '2025-01-01T00:00:00.000Z', id: row(1).id })],
    ['a bad time', base64url(['yesterday', row(1).id])],
    ['a time that is not text', base64url([1735689600000, row(1).id])],
    ['an id that is not a uuid', base64url(['2025-01-01T00:00:00.000Z', "1' OR '1'='1"])],
    ['empty JSON', base64url(null)],
  ])('refuses %s', (_, cursor) => {
    expect(sut.decode(cursor)).toBeUndefined();
    expect(sut.isValidCursor(cursor)).toBe(false);
  });

  it('accepts any text as id where the id column is not a uuid', () => {
    const texts = new KeysetPagination({ ...order, idsAreUuids: false }, positionOf);
    expect(texts.decode(base64url(['2025-01-01T00:00:00.000Z', 'admin']))).toEqual({ time: '2025-01-01T00:00:00.000Z', id: 'admin' });
  });

  it('fetches one row more than the limit and gives a cursor after the last row shown when it came', async () => {
    const { query, calls } = fakeQuery([row(1), row(2), row(3)]);
    const page = await sut.readPage(query, 2);
    expect(calls.limit).toBe(3);
    expect(page.items).toEqual([row(1), row(2)]);
    expect(page.nextCursor).not.toBeNull();
    expect(sut.decode(page.nextCursor!)).toEqual({ time: row(2).createdAt.toISOString(), id: row(2).id });
  });

  it('gives no cursor when exactly the limit is left', async () => {
    const page = await sut.readPage(fakeQuery([row(1), row(2)]).query, 2);
    expect(page.items).toEqual([row(1), row(2)]);
    expect(page.nextCursor).toBeNull();
  });

  it('orders by time then id and continues after the position in ascending order', async () => {
    const { query, calls } = fakeQuery([]);
    await sut.readPage(query, 2, { time: '2025-01-01T00:00:00.000Z', id: row(1).id });
    expect(calls.orderBy).toEqual([['row.created_at', 'ASC'], ['row.id', 'ASC']]);
    expect(calls.where).toEqual([['(row.created_at, row.id) > (:keysetTime, :keysetId)', { keysetTime: '2025-01-01T00:00:00.000Z', keysetId: row(1).id }]]);
  });

  it('continues before the position in descending order', async () => {
    const { query, calls } = fakeQuery([]);
    await new KeysetPagination({ ...order, direction: 'DESC' }, positionOf).readPage(query, 2, { time: '2025-01-01T00:00:00.000Z', id: row(1).id });
    expect(calls.orderBy).toEqual([['row.created_at', 'DESC'], ['row.id', 'DESC']]);
    expect(calls.where[0][0]).toBe('(row.created_at, row.id) < (:keysetTime, :keysetId)');
  });

  it('adds no condition on the first page', async () => {
    const { query, calls } = fakeQuery([]);
    await sut.readPage(query, 2);
    expect(calls.where).toEqual([]);
  });
});
