import type { AuthLevel } from '@app/core';
import { escapeHtml } from '../http/html';
import { pageTranslator } from '../i18n/page-context';
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
  const t = pageTranslator();
  const action = `${escapeHtml(model.pathPrefix)}/account/sessions`;
  const rows = model.sessions.map((session) => sessionRow(session, action, model.csrfToken)).join('\n');
  const others = model.sessions.some((session) => !session.current)
    ? `<form method="post" action="${action}/end-others" class="inline">
  ${csrfField(model.csrfToken)}
  <button type="submit" class="secondary">${escapeHtml(t.t('account.sessions.endOthers'))}</button>
</form>`
    : `<p>${escapeHtml(t.t('account.sessions.noOthers'))}</p>`;
  const headers = (['account.sessions.browser', 'account.sessions.started', 'account.sessions.lastSignIn', 'account.sessions.signedInWith', 'account.actions'] as const)
    .map((key) => `<th scope="col">${escapeHtml(t.t(key))}</th>`)
    .join('');
  const body = `<p>${escapeHtml(t.t('account.sessions.intro'))}</p>
<table>
<thead><tr>${headers}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${others}`;
  return renderAccountPage(model, '/sessions', t.t('account.section.sessions'), body);
}

function sessionRow(session: SessionListItem, action: string, csrfToken: string): string {
  const t = pageTranslator();
  const name = browserName(session.userAgent);
  const browser = `<span title="${escapeHtml(session.userAgent ?? '')}">${escapeHtml(name)}</span>`;
  const where = session.ip ? `<br><small>${escapeHtml(t.t('account.sessions.from', { ip: session.ip }))}</small>` : '';
  const endLabel = t.t('account.sessions.endLabel', { browser: name, started: t.date(session.createdAt) });
  const end = session.current
    ? `<strong>${escapeHtml(t.t('account.sessions.thisBrowser'))}</strong>`
    : `<form method="post" action="${action}/end">
    ${csrfField(csrfToken)}
    <input type="hidden" name="session_id" value="${escapeHtml(session.id)}">
    <button type="submit" class="secondary" aria-label="${escapeHtml(endLabel)}">${escapeHtml(t.t('account.sessions.end'))}</button>
  </form>`;
  return `<tr><td>${browser}${where}</td><td>${timeHtml(session.createdAt)}</td><td>${timeHtml(session.authTime)}</td>
  <td>${escapeHtml(levelInWords(session.acr))}<br><small>${escapeHtml(methodsInWords(session.amr))}</small></td><td>${end}</td></tr>`;
}
