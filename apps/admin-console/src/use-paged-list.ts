import { useCallback, useEffect, useState } from 'react';
import type { Page } from '@app/contracts';
import { query } from './api';
import { useSession } from './session';

/** One admin list with cursor pagination: the cursors seen so far make "Previous" possible. */
export function usePagedList<T>(path: string, params: Record<string, string | number | undefined>) {
  const { api } = useSession();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page<T>>();
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);
  const cursor = cursors[cursors.length - 1];
  const key = JSON.stringify(params);

  useEffect(() => setCursors([undefined]), [key]);
  useEffect(() => {
    let live = true;
    setError(undefined);
    api.get<Page<T>>(`${path}${query({ ...(JSON.parse(key) as Record<string, string>), cursor })}`).then(
      (result) => live && setPage(result),
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [api, path, key, cursor, version]);

  return {
    page,
    error,
    reload: useCallback(() => setVersion((value) => value + 1), []),
    restart: useCallback(() => setCursors([undefined]), []),
    pager: {
      hasPrevious: cursors.length > 1,
      next: page?.next_cursor ?? null,
      onPrevious: () => setCursors((list) => list.slice(0, -1)),
      onNext: () => page?.next_cursor && setCursors((list) => [...list, page.next_cursor!]),
    },
  };
}

/** A paged list narrowed by a search term; each search starts again from the first page. */
export function useSearchedList<T>(path: string, limit: number) {
  const [applied, setApplied] = useState('');
  const list = usePagedList<T>(path, { search: applied, limit });
  const { restart } = list;
  const search = useCallback(
    (term: string) => {
      restart();
      setApplied(term);
    },
    [restart],
  );
  return { ...list, applied, search };
}
