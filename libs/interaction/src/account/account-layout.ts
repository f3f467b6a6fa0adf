import { escapeHtml, htmlPage } from '../http/html';
import type { MessageKey } from '../i18n/catalogues';
import { pageTranslator } from '../i18n/page-context';

export interface AccountPageFrame {
  /** The issuer's path (AppConfig.pathPrefix): links and forms stay under it. */
  pathPrefix: string;
  /** A confirmation of the change just made, already looked up from its fixed text. */
  notice?: string;
  /** Why a submitted form was refused. */
  error?: string;
}

const SECTIONS: ReadonlyArray<{ path: string; title: MessageKey }> = [
  { path: '', title: 'account.section.profile' },
  { path: '/password', title: 'account.section.password' },
  { path: '/factors', title: 'account.section.factors' },
  { path: '/recovery-codes', title: 'account.section.recoveryCodes' },
  { path: '/sessions', title: 'account.section.sessions' },
  { path: '/apps', title: 'account.section.apps' },
];

/** An account page: the section links, the notice or error, the section's own body, a sign-out link. */
export function renderAccountPage(frame: AccountPageFrame, current: string, title: string, body: string): string {
  const t = pageTranslator();
  const links = SECTIONS.map((section) => {
    const href = `${frame.pathPrefix}/account${section.path}`;
    const mark = section.path === current ? ' aria-current="page"' : '';
    return `<li><a href="${escapeHtml(href)}"${mark}>${escapeHtml(t.t(section.title))}</a></li>`;
  }).join('');
  const notice = frame.notice ? `<p class="notice" role="status">${escapeHtml(frame.notice)}</p>\n` : '';
  const error = frame.error ? `<p class="error" role="alert">${escapeHtml(frame.error)}</p>\n` : '';
  const signOut = `<p><a href="${escapeHtml(frame.pathPrefix)}/oauth2/logout">${escapeHtml(t.t('account.signOut'))}</a></p>`;
  const page = `<nav class="account" aria-label="${escapeHtml(t.t('account.nav'))}"><ul>${links}</ul></nav>
<h1>${escapeHtml(title)}</h1>
${notice}${error}${body}
${signOut}`;
  // The overview is the account itself: "Your account · Your account" would say it twice.
  const overview = t.t('account.overview.title');
  return htmlPage(title === overview ? overview : t.t('account.title', { section: title }), page);
}

/** A moment as people in the page's locale read it, with the exact time for machines; "never" when there is none. */
export function timeHtml(moment: Date | null | undefined): string {
  const t = pageTranslator();
  if (!moment) return escapeHtml(t.t('account.never'));
  return `<time datetime="${moment.toISOString()}">${escapeHtml(t.date(moment))}</time>`;
}

/**
 * A translated sentence with one link in it: the catalogue says where the link goes in the sentence
 * (`{link}`), so each language keeps its own word order.
 */
export function textWithLink(sentence: MessageKey, href: string, linkText: string): string {
  const t = pageTranslator();
  // A marker no catalogue text contains, put back as the link once the rest of the sentence is escaped.
  const marker = '\u0000link\u0000';
  const link = `<a href="${escapeHtml(href)}">${escapeHtml(linkText)}</a>`;
  return escapeHtml(t.t(sentence, { link: marker })).replace(marker, link);
}

/** The hidden CSRF field every account form carries. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="csrf_token" value="${escapeHtml(token)}">`;
}
