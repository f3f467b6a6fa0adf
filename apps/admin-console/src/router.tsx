import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MouseEvent, ReactNode } from 'react';
import { consolePath, consoleRoute } from './console-base';

interface RouterValue {
  route: string;
  search: URLSearchParams;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const RouterContext = createContext<RouterValue | undefined>(undefined);

function currentSearch(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** A small history-API router: routes are paths under the console's base (`/applications/abc`). */
export function RouterProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState(() => consoleRoute());
  const [search, setSearch] = useState(currentSearch);
  useEffect(() => {
    const onPop = () => {
      setRoute(consoleRoute());
      setSearch(currentSearch());
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    const url = consolePath(to);
    if (options.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setRoute(consoleRoute());
    setSearch(currentSearch());
    window.scrollTo(0, 0);
  }, []);
  const value = useMemo(() => ({ route, search, navigate }), [route, search, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const value = useContext(RouterContext);
  if (!value) throw new Error('useRouter outside RouterProvider');
  return value;
}

export function href(to: string): string {
  return consolePath(to);
}

/** A real link (works with the keyboard, middle click, copy link) that navigates in place. */
export function Link({ to, children, className, current }: { to: string; children: ReactNode; className?: string; current?: boolean }) {
  const { navigate } = useRouter();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={href(to)} onClick={onClick} className={className} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

/** `/applications/:id` style matching; returns the named segments or undefined. */
export function match(pattern: string, route: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = route.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const value = have[index];
    if (value === undefined) return undefined;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(value);
    else if (segment !== value) return undefined;
  }
  return params;
}
