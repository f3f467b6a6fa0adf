import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { AdminMeView } from '@app/contracts';
import type { User, UserManager } from 'oidc-client-ts';
import { createApiClient } from './api';
import { ADMIN_ROLES, createUserManager, displayName, loadDiscovery, rolesOf } from './auth';
import type { Discovery } from './auth';
import { consolePath, consoleRoute, issuerFromLocation } from './console-base';
import { loadMe } from './me';
import { MeProvider } from './permissions';
import { RouterProvider } from './router';
import { homeRoute } from './sections';
import { SessionContext } from './session';
import type { Session } from './session';
import { PlaygroundCallback } from './playground/playground-callback';
import { Shell } from './shell';

type Boot =
  | { state: 'loading'; message: string }
  | { state: 'failed'; title: string; detail: string; retry?: boolean }
  | { state: 'not-admin'; session: Session }
  | { state: 'signed-out' }
  | { state: 'ready'; session: Session; me: AdminMeView };

/** The console's root: once the caller's permissions are known it becomes the first section they may read. */
const DEFAULT_ROUTE = '/';
let started: Promise<Boot> | undefined;

/** Signs in (or finishes signing in) and decides what the person may see. */
async function boot(onSignedOut: () => void): Promise<Boot> {
  const issuer = issuerFromLocation();
  let discovery: Discovery;
  try {
    discovery = await loadDiscovery(issuer);
  } catch (error) {
    return { state: 'failed', title: 'The server cannot be reached', detail: String((error as Error).message), retry: true };
  }
  if (typeof discovery.authorization_endpoint !== 'string') {
    return { state: 'failed', title: 'Sign-in is not available', detail: 'This server does not publish an authorization endpoint yet, so the console cannot sign you in.' };
  }
  const manager = createUserManager(issuer, discovery);
  let user: User | null;
  if (consoleRoute() === '/callback') {
    try {
      user = await manager.signinRedirectCallback();
    } catch (error) {
      window.history.replaceState(null, '', consolePath('/'));
      return { state: 'failed', title: 'Sign-in did not complete', detail: String((error as Error).message), retry: true };
    }
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
    const target = returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : DEFAULT_ROUTE;
    window.history.replaceState(null, '', consolePath(target));
  } else {
    user = await manager.getUser();
  }
  if (!user || user.expired) {
    const route = consoleRoute();
    const returnTo = route === '/' ? DEFAULT_ROUTE : `${route}${window.location.search}`;
    await manager.signinRedirect({ state: { returnTo } });
    return { state: 'loading', message: 'Taking you to sign-in…' };
  }
  const session = createSession(issuer, discovery, manager, user, onSignedOut);
  let me: AdminMeView | undefined;
  try {
    me = await loadMe(session.api, user);
  } catch (error) {
    return { state: 'failed', title: 'Your permissions could not be read', detail: String((error as Error).message), retry: true };
  }
  if (!me) return { state: 'not-admin', session };
  const home = homeRoute(me);
  if (consoleRoute() === '/' && home) window.history.replaceState(null, '', consolePath(home));
  return { state: 'ready', session, me };
}

function createSession(issuer: string, discovery: Discovery, manager: UserManager, user: User, onSignedOut: () => void): Session {
  let current = user;
  manager.events.addUserLoaded((loaded) => {
    current = loaded;
  });
  const renew = async () => {
    try {
      const renewed = await manager.signinSilent();
      if (renewed) current = renewed;
      return Boolean(renewed);
    } catch {
      return false;
    }
  };
  const api = createApiClient(issuer, () => current.access_token, renew);
  return {
    issuer,
    discovery,
    manager,
    get user() {
      return current;
    },
    api,
    async signOut() {
      if (typeof discovery.end_session_endpoint === 'string') {
        // OpenID Connect RP-Initiated Logout: ends the SSO session too, then comes back to the console's root.
        await manager.signoutRedirect({ id_token_hint: current.id_token });
        return;
      }
      await manager.removeUser();
      onSignedOut();
    },
  };
}

export function App() {
  // The playground's return address needs no console sign-in: it only hands the code back.
  if (consoleRoute() === '/playground/callback') return <PlaygroundCallback />;
  return <SignedInApp />;
}

function SignedInApp() {
  const [boot_, setBoot] = useState<Boot>({ state: 'loading', message: 'Signing you in…' });
  useEffect(() => {
    started ??= boot(() => setBoot({ state: 'signed-out' }));
    started.then(setBoot, (error: unknown) => setBoot({ state: 'failed', title: 'Something went wrong', detail: String(error), retry: true }));
  }, []);

  switch (boot_.state) {
    case 'loading':
      return <Splash title={boot_.message} />;
    case 'failed':
      return (
        <Splash title={boot_.title} detail={boot_.detail}>
          {boot_.retry && (
            <button type="button" onClick={() => window.location.assign(consolePath('/'))}>
              Try again
            </button>
          )}
        </Splash>
      );
    case 'signed-out':
      return (
        <Splash title="You are signed out" detail="Your console session has ended.">
          <button type="button" onClick={() => window.location.assign(consolePath('/'))}>
            Sign in again
          </button>
        </Splash>
      );
    case 'not-admin':
      return (
        <Splash
          title="You are not an administrator"
          detail={`You are signed in as ${displayName(boot_.session.user)}, who holds none of the console's roles (${ADMIN_ROLES.join(', ')})${
            rolesOf(boot_.session.user).length ? `; their roles: ${rolesOf(boot_.session.user).join(', ')}` : ''
          }. Ask an administrator to grant one, or sign in as someone else.`}
        >
          <button type="button" onClick={() => void boot_.session.signOut()}>
            Sign out
          </button>
        </Splash>
      );
    case 'ready':
      return (
        <SessionContext.Provider value={boot_.session}>
          <MeProvider value={boot_.me}>
            <RouterProvider>
              <Shell />
            </RouterProvider>
          </MeProvider>
        </SessionContext.Provider>
      );
  }
}

function Splash({ title, detail, children }: { title: string; detail?: string; children?: ReactNode }) {
  return (
    <main className="splash" aria-live="polite">
      <div className="card">
        <p className="brand">Admin console</p>
        <h1>{title}</h1>
        {detail && <p>{detail}</p>}
        {children}
      </div>
    </main>
  );
}
