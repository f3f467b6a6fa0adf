import type { AuthLevel } from '@app/core';
import { escapeHtml } from '../http/html';
import { AccountPageFrame, csrfField, renderAccountPage, timeHtml } from './account-layout';
import { browserName } from './browser-name';
import { levelInWords, methodsInWords } from './sign-in-methods';

export interface SessionListItem {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  authTime: Date;
  acr: AuthLevel;
  amr: string[];
  /** The session of the browser looking at the page. */
  current: boolean;
}

export interface SessionsPageModel extends AccountPageFrame {
  csrfToken: string;
  sessions: readonly SessionListItem[];
}

/** The person's live sessions, each with an End button; this browser's is marked and cannot be ended here. */
export function renderSessionsPage(model: SessionsPageModel): string {
  const action = `${escapeHtml(model.pathPrefix)}/account/sessions`;
  const rows = model.sessions.map((session) => sessionRow(session, action, model.csrfToken)).join('\n');
  const others = model.sessions.some((session) => !session.current)
    ? `<form method="post" action="${action}/end-others" class="inline">
  ${csrfField(model.csrfToken)}
  <button type="submit" class="secondary">End all other sessions</button>
</form>`
    : '<p>You are not signed in anywhere else.</p>';
  const body = `<p>The browsers and devices you are signed in on. End any you do not recognise, then change your password.</p>
<table>
<thead><tr><th scope="col">Browser</th><th scope="col">Started</th><th scope="col">Last sign-in</th><th scope="col">Signed in with</th><th scope="col">Actions</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${others}`;
  return renderAccountPage(model, '/sessions', 'Sessions', body);
}

function sessionRow(session: SessionListItem, action: string, csrfToken: string): string {
  const browser = `<span title="${escapeHtml(session.userAgent ?? '')}">${escapeHtml(browserName(session.userAgent))}</span>`;
  const where = session.ip ? `<br><small>from ${escapeHtml(session.ip)}</small>` : '';
  const end = session.current
    ? '<strong>This browser</strong>'
    : `<form method="post" action="${action}/end">
    ${csrfField(csrfToken)}
    <input type="hidden" name="session_id" value="${escapeHtml(session.id)}">
    <button type="submit" class="secondary" aria-label="End the session of ${escapeHtml(browserName(session.userAgent))} started ${escapeHtml(session.createdAt.toISOString())}">End</button>
  </form>`;
  return `<tr><td>${browser}${where}</td><td>${timeHtml(session.createdAt)}</td><td>${timeHtml(session.authTime)}</td>
  <td>${escapeHtml(levelInWords(session.acr))}<br><small>${escapeHtml(methodsInWords(session.amr))}</small></td><td>${end}</td></tr>`;
}
