import { useCallback, useState } from 'react';
import type { Page } from '@app/contracts';
import { query } from './api';
import { useResource } from './use-resource';

type Params = Record<string, string | number | undefined>;

/** The cursors followed so far for one set of parameters; the last one is the page shown. */
interface Trail {
  key: string;
  cursors: (string | undefined)[];
}

const FIRST_PAGE: (string | undefined)[] = [undefined];

/** One admin list with cursor pagination: the cursors seen so far make "Previous" possible. */
export function usePagedList<T>(path: string, params: Params) {
  const key = JSON.stringify(params);
  const [trail, setTrail] = useState<Trail>({ key, cursors: FIRST_PAGE });
  // Other parameters make other pages: a new search or filter starts again from the first one, at once
  // (set while rendering, so no request goes out with a cursor of the previous parameters).
  if (trail.key !== key) setTrail({ key, cursors: FIRST_PAGE });
  const cursors = trail.key === key ? trail.cursors : FIRST_PAGE;
  const cursor = cursors[cursors.length - 1];
  const { data: page, error, reload } = useResource<Page<T>>(`${path}${query({ ...params, cursor })}`);
  const follow = (next: (string | undefined)[]) => setTrail({ key, cursors: next });

  return {
    page,
    error,
    reload,
    restart: useCallback(() => setTrail((current) => ({ ...current, cursors: FIRST_PAGE })), []),
    pager: {
      hasPrevious: cursors.length > 1,
      next: page?.next_cursor ?? null,
      onPrevious: () => follow(cursors.slice(0, -1)),
      onNext: () => {
        if (page?.next_cursor) follow([...cursors, page.next_cursor]);
      },
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
