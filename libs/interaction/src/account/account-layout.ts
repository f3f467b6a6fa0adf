import { escapeHtml, htmlPage } from '../http/html';

export interface AccountPageFrame {
  /** The issuer's path (AppConfig.pathPrefix): links and forms stay under it. */
  pathPrefix: string;
  /** A confirmation of the change just made, already looked up from its fixed text. */
  notice?: string;
  /** Why a submitted form was refused. */
  error?: string;
}

const SECTIONS: ReadonlyArray<{ path: string; title: string }> = [
  { path: '', title: 'Profile' },
  { path: '/password', title: 'Password' },
  { path: '/factors', title: 'Sign-in methods' },
  { path: '/recovery-codes', title: 'Recovery codes' },
  { path: '/sessions', title: 'Sessions' },
  { path: '/apps', title: 'Apps' },
];

/** An account page: the section links, the notice or error, the section's own body, a sign-out link. */
export function renderAccountPage(frame: AccountPageFrame, current: string, title: string, body: string): string {
  const links = SECTIONS.map((section) => {
    const href = `${frame.pathPrefix}/account${section.path}`;
    const mark = section.path === current ? ' aria-current="page"' : '';
    return `<li><a href="${escapeHtml(href)}"${mark}>${escapeHtml(section.title)}</a></li>`;
  }).join('');
  const notice = frame.notice ? `<p class="notice" role="status">${escapeHtml(frame.notice)}</p>\n` : '';
  const error = frame.error ? `<p class="error" role="alert">${escapeHtml(frame.error)}</p>\n` : '';
  const signOut = `<p><a href="${escapeHtml(frame.pathPrefix)}/oauth2/logout">Sign out</a></p>`;
  const page = `<nav class="account" aria-label="Your account"><ul>${links}</ul></nav>
<h1>${escapeHtml(title)}</h1>
${notice}${error}${body}
${signOut}`;
  return htmlPage(`${title} · Your account`, page);
}

/** A moment as people read it, with the exact time for machines. */
export function timeHtml(moment: Date | null | undefined, never = 'never'): string {
  if (!moment) return escapeHtml(never);
  const iso = moment.toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

/** The hidden CSRF field every account form carries. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="csrf_token" value="${escapeHtml(token)}">`;
}
