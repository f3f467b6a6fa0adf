import { useEffect, useRef } from 'react';
import { displayName } from './auth';
import { Link, match, useRouter } from './router';
import { can, useMe } from './permissions';
import { homeRoute, sectionOf, visibleSections } from './sections';
import { useSession } from './session';
import { ApplicationsPage } from './pages/applications-page';
import { APPLICATION_TABS, ApplicationPage } from './pages/application-page';
import { CreateApplicationPage } from './pages/create-application-page';
import { PeoplePage } from './pages/people-page';
import { PersonPage } from './pages/person-page';
import { GroupsPage } from './pages/groups-page';
import { GroupPage } from './pages/group-page';
import { IdentityProvidersPage } from './pages/identity-providers-page';
import { IdentityProviderPage } from './pages/identity-provider-page';
import { KeysPage } from './pages/keys-page';
import { ApisPage } from './pages/apis-page';
import { ApiPage } from './pages/api-page';
import { AuditLogPage } from './pages/audit-log-page';
import { DeviceAuthorizationsPage } from './pages/device-authorizations-page';
import { LogoutDeliveriesPage } from './pages/logout-deliveries-page';
import { BrandingPage } from './pages/branding-page';
import { PlaygroundPage } from './playground/playground-page';

export function Shell() {
  const { route } = useRouter();
  const session = useSession();
  const me = useMe();
  const mainRef = useRef<HTMLElement>(null);
  // Move focus to the new page's content so keyboard and screen reader users land where the page changed.
  useEffect(() => {
    mainRef.current?.focus({ preventScroll: true });
  }, [route]);
  return (
    <>
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Admin console</span>
        <nav aria-label="Sections" className="sections">
          {visibleSections(me).map((section) => (
            <Link key={section.to} to={section.to} current={route === section.to || route.startsWith(`${section.to}/`)}>
              {section.label}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span title={session.user.profile.sub}>{displayName(session.user)}</span>
          <button type="button" className="secondary small" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="content" ref={mainRef} tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

/** The page for a route, or why it is not shown: a section outside the caller's role is not opened at all. */
function Page({ route: asked }: { route: string }) {
  const me = useMe();
  const home = homeRoute(me);
  const route = asked === '/' && home ? home : asked;
  const section = sectionOf(route);
  if (section && !can(me, section.needs)) return <NotForYourRole what={section.label} home={home} />;
  if (route === '/applications') return <ApplicationsPage />;
  if (route === '/applications/new') return can(me, 'clients:create') ? <CreateApplicationPage /> : <NotForYourRole what="Creating applications" home={home} />;
  const application = match('/applications/:id', route) ?? match('/applications/:id/:tab', route);
  if (application?.id !== undefined) return <ApplicationPage clientId={application.id} tab={APPLICATION_TABS.find((tab) => tab === application.tab) ?? 'settings'} />;
  if (route === '/people') return <PeoplePage />;
  const person = match('/people/:id', route);
  if (person?.id !== undefined) return <PersonPage key={person.id} userId={person.id} />;
  if (route === '/groups') return <GroupsPage />;
  const group = match('/groups/:id', route);
  if (group?.id !== undefined) return <GroupPage key={group.id} groupId={group.id} />;
  if (route === '/providers') return <IdentityProvidersPage />;
  const provider = match('/providers/:id', route);
  if (provider?.id !== undefined) return <IdentityProviderPage key={provider.id} id={provider.id} />;
  if (route === '/keys') return <KeysPage />;
  if (route === '/apis') return <ApisPage />;
  const api = match('/apis/:id', route);
  if (api?.id !== undefined) return <ApiPage key={api.id} id={api.id} />;
  if (route === '/devices') return <DeviceAuthorizationsPage />;
  if (route === '/logout-deliveries') return <LogoutDeliveriesPage />;
  if (route === '/branding') return <BrandingPage />;
  if (route === '/events') return <AuditLogPage />;
  if (route === '/playground') return <PlaygroundPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <HomeLink home={home} />
      </p>
    </section>
  );
}

function NotForYourRole({ what, home }: { what: string; home: string | undefined }) {
  return (
    <section>
      <h1>Not available to your role</h1>
      <p>
        {what} is not part of what your admin role may see or do. <HomeLink home={home} />
      </p>
    </section>
  );
}

function HomeLink({ home }: { home: string | undefined }) {
  const section = home ? sectionOf(home) : undefined;
  return section ? <Link to={section.to}>Go to {section.label.toLowerCase()}</Link> : null;
}
