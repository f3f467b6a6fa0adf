import type { AdminMeView, AdminPermission } from '@app/contracts';
import { can } from './permissions';

export interface Section {
  to: string;
  label: string;
  /** The permission that lets the caller read this section; without it the section is not shown. */
  needs: AdminPermission;
}

/** The console's sections in navigation order. The playground lists applications, so it goes with them. */
export const SECTIONS: readonly Section[] = [
  { to: '/applications', label: 'Applications', needs: 'clients:read' },
  { to: '/apis', label: 'APIs', needs: 'apis:read' },
  { to: '/people', label: 'People', needs: 'people:read' },
  { to: '/groups', label: 'Groups', needs: 'groups:read' },
  { to: '/providers', label: 'Sign-in providers', needs: 'providers:read' },
  { to: '/devices', label: 'Devices', needs: 'devices:read' },
  { to: '/keys', label: 'Signing keys', needs: 'keys:read' },
  { to: '/logout-deliveries', label: 'Logout deliveries', needs: 'logout-deliveries:read' },
  { to: '/branding', label: 'Branding', needs: 'config:read' },
  { to: '/events', label: 'Audit log', needs: 'audit:read' },
  { to: '/playground', label: 'Playground', needs: 'clients:read' },
];

export function visibleSections(me: AdminMeView): Section[] {
  return SECTIONS.filter((section) => can(me, section.needs));
}

/** The section a route belongs to (`/people/abc` → People), if any. */
export function sectionOf(route: string): Section | undefined {
  return SECTIONS.find((section) => route === section.to || route.startsWith(`${section.to}/`));
}

/** Where the console opens: the first section the caller may read (Applications for a full admin). */
export function homeRoute(me: AdminMeView): string | undefined {
  return visibleSections(me)[0]?.to;
}
