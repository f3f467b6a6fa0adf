import { escapeHtml } from '../http/html';
import { verificationButton } from '../email-verification/verification-pages';
import { AccountPageFrame, renderAccountPage } from './account-layout';

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
  const account = `${model.pathPrefix}/account`;
  const email = model.email ? `${escapeHtml(model.email)}${model.emailVerified ? '' : ' (not verified)'}` : 'not set';
  const body = `<table aria-label="Profile">
  <tr><th scope="row">Username</th><td>${escapeHtml(model.username)}</td></tr>
  <tr><th scope="row">Name</th><td>${model.name ? escapeHtml(model.name) : 'not set'}</td></tr>
  <tr><th scope="row">E-mail</th><td>${email}</td></tr>
</table>
${model.email && !model.emailVerified && model.verificationCsrfToken ? verificationButton(model.pathPrefix, model.verificationCsrfToken) : ''}
<p>Your administrator manages these details; ask them to change one.</p>
<ul>
  <li><a href="${escapeHtml(account)}/password">Change your password</a></li>
  <li><a href="${escapeHtml(account)}/factors">Sign-in methods</a>: passkeys and authenticator apps</li>
  <li><a href="${escapeHtml(account)}/recovery-codes">Recovery codes</a> for when no sign-in method is at hand</li>
  <li><a href="${escapeHtml(account)}/sessions">Sessions</a>: the browsers you are signed in on</li>
  <li><a href="${escapeHtml(account)}/apps">Apps</a> you allowed to use your account</li>
</ul>`;
  return renderAccountPage(model, '', 'Your account', body);
}
