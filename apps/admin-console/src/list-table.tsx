import type { ComponentProps, ReactNode } from 'react';
import type { Page } from '@app/contracts';
import { Loading, Pager } from './components';
import { ErrorBanner } from './forms';

export interface Column<T> {
  /** The header, and each cell's `data-label` (narrow screens show it before the value). */
  label: string;
  /** The header is for screen readers only, e.g. above a column of buttons. */
  hiddenLabel?: boolean;
  cell: (item: T) => ReactNode;
}

interface ListTableProps<T> {
  columns: Column<T>[];
  rowKey: (item: T) => string;
  className?: string;
}

/** A `table.list`: one row an item, one cell a column. */
export function ListTable<T>({ items, columns, rowKey, className = 'list' }: ListTableProps<T> & { items: T[] }) {
  return (
    <table className={className}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column.label}>
              {column.hiddenLabel ? <span className="visually-hidden">{column.label}</span> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={rowKey(item)}>
            {columns.map((column) => (
              <td key={column.label} data-label={column.label}>
                {column.cell(item)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const LOADING = <Loading />;

/** One page of a `usePagedList` list: its error, loading and empty states, the table, then Previous / Next. */
export function PagedTable<T>({
  page,
  error,
  pager,
  empty,
  loading = LOADING,
  columns,
  rowKey,
  className,
}: ListTableProps<T> & {
  page: Page<T> | undefined;
  error: unknown;
  pager: ComponentProps<typeof Pager>;
  empty: ReactNode;
  loading?: ReactNode;
}) {
  return (
    <>
      <ErrorBanner error={error} />
      {!page && !error && loading}
      {page && page.items.length === 0 && <p className="empty">{empty}</p>}
      {page && page.items.length > 0 && <ListTable items={page.items} columns={columns} rowKey={rowKey} className={className} />}
      <Pager {...pager} />
    </>
  );
}
