import { useEffect, useRef } from 'react';
import { displayName } from './auth';
import { Link, match, useRouter } from './router';
import { useSession } from './session';
import { ApplicationsPage } from './pages/applications-page';
import { ApplicationPage } from './pages/application-page';
import { CreateApplicationPage } from './pages/create-application-page';
import { PeoplePage } from './pages/people-page';
import { PersonPage } from './pages/person-page';
import { KeysPage } from './pages/keys-page';
import { ApisPage } from './pages/apis-page';
import { ApiPage } from './pages/api-page';
import { AuditLogPage } from './pages/audit-log-page';
import { DeviceAuthorizationsPage } from './pages/device-authorizations-page';
import { PlaygroundPage } from './playground/playground-page';

const SECTIONS = [
  { to: '/applications', label: 'Applications' },
  { to: '/apis', label: 'APIs' },
  { to: '/people', label: 'People' },
  { to: '/devices', label: 'Devices' },
  { to: '/keys', label: 'Signing keys' },
  { to: '/events', label: 'Audit log' },
  { to: '/playground', label: 'Playground' },
];

export function Shell() {
  const { route } = useRouter();
  const session = useSession();
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
          {SECTIONS.map((section) => (
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

function Page({ route }: { route: string }) {
  if (route === '/applications' || route === '/') return <ApplicationsPage />;
  if (route === '/applications/new') return <CreateApplicationPage />;
  const application = match('/applications/:id', route) ?? match('/applications/:id/:tab', route);
  if (application?.id !== undefined) return <ApplicationPage clientId={application.id} tab={application.tab === 'quick-start' ? 'quick-start' : 'settings'} />;
  if (route === '/people') return <PeoplePage />;
  const person = match('/people/:id', route);
  if (person?.id !== undefined) return <PersonPage userId={person.id} />;
  if (route === '/keys') return <KeysPage />;
  if (route === '/apis') return <ApisPage />;
  const api = match('/apis/:id', route);
  if (api?.id !== undefined) return <ApiPage key={api.id} id={api.id} />;
  if (route === '/devices') return <DeviceAuthorizationsPage />;
  if (route === '/events') return <AuditLogPage />;
  if (route === '/playground') return <PlaygroundPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/applications">Go to applications</Link>.
      </p>
    </section>
  );
}
