import { useCallback, useEffect, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { useSession } from './session';

export interface Resource<T> {
  /** The last answer. Kept while a reload (or the next path) is on its way, so the page does not go blank. */
  data: T | undefined;
  /** Why the last request failed; cleared when the next one starts. */
  error: unknown;
  /** Nothing to show yet: no answer and no failure. */
  loading: boolean;
  /** Asks again, after a change the page made. */
  reload(): void;
  /** Shows what a write answered without asking again. */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/**
 * One admin API read, `GET /admin/v1{path}`: asked when the page opens, again when the path changes, on
 * `reload()`, or when `changes` moves on (a page counting its own writes, so every part of it that shows
 * their effects asks again). The answer to a request that was overtaken by a newer one is dropped.
 */
export function useResource<T>(path: string, changes = 0): Resource<T> {
  const { api } = useSession();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setError(undefined);
    api.get<T>(path).then(
      (result) => {
        if (current) setData(result);
      },
      (failure: unknown) => {
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [api, path, version, changes]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data, error, loading: data === undefined && !error, reload, setData };
}
