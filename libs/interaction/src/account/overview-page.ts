import { escapeHtml } from '../http/html';
import { pageTranslator } from '../i18n/page-context';
import { verificationButton } from '../email-verification/verification-pages';
import { AccountPageFrame, renderAccountPage, textWithLink } from './account-layout';

export interface OverviewPageModel extends AccountPageFrame {
  username: string;
  name: string | null;
  email: string | null;
  emailVerified: boolean;
  /** Set when an unverified address can be sent a verification link. */
  verificationCsrfToken?: string;
}

/** The account's front page: who is signed in, and where to manage each part of the account. */
export function renderOverviewPage(model: OverviewPageModel): string {
  const t = pageTranslator();
  const account = `${model.pathPrefix}/account`;
  const notSet = escapeHtml(t.t('account.overview.notSet'));
  const email = model.email ? (model.emailVerified ? escapeHtml(model.email) : t.html('account.overview.notVerified', { email: model.email })) : notSet;
  const body = `<table aria-label="${escapeHtml(t.t('account.section.profile'))}">
  <tr><th scope="row">${escapeHtml(t.t('account.overview.username'))}</th><td>${escapeHtml(model.username)}</td></tr>
  <tr><th scope="row">${escapeHtml(t.t('account.overview.name'))}</th><td>${model.name ? escapeHtml(model.name) : notSet}</td></tr>
  <tr><th scope="row">${escapeHtml(t.t('account.overview.email'))}</th><td>${email}</td></tr>
</table>
${model.email && !model.emailVerified && model.verificationCsrfToken ? verificationButton(model.pathPrefix, model.verificationCsrfToken) : ''}
<p>${escapeHtml(t.t('account.overview.managed'))}</p>
<ul>
  <li><a href="${escapeHtml(account)}/password">${escapeHtml(t.t('account.overview.password'))}</a></li>
  <li>${textWithLink('account.overview.factors', `${account}/factors`, t.t('account.section.factors'))}</li>
  <li>${textWithLink('account.overview.recoveryCodes', `${account}/recovery-codes`, t.t('account.section.recoveryCodes'))}</li>
  <li>${textWithLink('account.overview.sessions', `${account}/sessions`, t.t('account.section.sessions'))}</li>
  <li>${textWithLink('account.overview.apps', `${account}/apps`, t.t('account.section.apps'))}</li>
</ul>`;
  return renderAccountPage(model, '', t.t('account.overview.title'), body);
}
