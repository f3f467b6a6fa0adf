import { ClientContext, renderClientContext } from '../http/client-context';
import { escapeHtml, htmlPage } from '../http/html';
import { passkeyForm, PasskeyFormModel, passkeyScripts } from '../http/passkey-form';
import { pageTranslator } from '../i18n/page-context';

export interface LoginPageModel {
  /** The issuer's path (AppConfig.pathPrefix): the form posts back under it. */
  pathPrefix: string;
  csrfToken: string;
  returnTo: string;
  username?: string;
  error?: string;
  /** Enabled upstream OpenID Providers, one button each. */
  providers?: ReadonlyArray<{ name: string; displayName: string }>;
  /** Some provider owns a domain: a name `x@that-domain` is sent there, so the password may be left empty. */
  passwordOptional?: boolean;
  /** Password reset by mail is on (SMTP_URL): the form links to it. */
  passwordReset?: boolean;
  /** The application of the authorization request this sign-in continues, when it continues one. */
  client?: ClientContext;
}

/**
 * The sign-in form: labelled fields and one submit button, which work without scripts; with them, "Sign
 * in with a passkey" and passkeys offered in the username field's autofill (WebAuthn conditional mediation).
 */
export function renderLoginPage(model: LoginPageModel): string {
  const t = pageTranslator();
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  const context = model.client ? `${renderClientContext(model.client)}
` : '';
  const body = `${context}<h1>${escapeHtml(t.t('login.title'))}</h1>
${context ? `<p>${t.html('login.continueTo', { client: model.client!.clientName.trim() || model.client!.clientId })}</p>
` : ''}${error}
<form method="post" action="${escapeHtml(model.pathPrefix)}/login">
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">
  <label for="username">${escapeHtml(t.t('login.username'))}</label>
  <input id="username" name="username" type="text" autocomplete="username webauthn" autocapitalize="none" spellcheck="false" required${model.username ? ` value="${escapeHtml(model.username)}"` : ' autofocus'}>
  <label for="password">${escapeHtml(t.t('login.password'))}</label>
  <input id="password" name="password" type="password" autocomplete="current-password"${model.passwordOptional ? '' : ' required'}${model.username ? ' autofocus' : ''}>
  <button type="submit">${escapeHtml(t.t('login.submit'))}</button>
</form>
${forgotLink(model)}${passkeySignIn(model, {
  autofill: true,
  sharedFields: true,
  // The script runs the ceremony in place; the page it links to is the same ceremony on its own.
  linkHref: `${model.pathPrefix}/login/passkey`,
})}${providerButtons(model)}`;
  return htmlPage(t.t('login.title'), body, passkeyScripts(model.pathPrefix));
}

/** The way to a reset mail, keeping the pending authorization request to come back to. */
function forgotLink(model: LoginPageModel): string {
  if (!model.passwordReset) return '';
  const href = `${model.pathPrefix}/login/forgot?${new URLSearchParams({ return_to: model.returnTo })}`;
  return `<p><a href="${escapeHtml(href)}">${escapeHtml(pageTranslator().t('login.forgot'))}</a></p>\n`;
}

/** Links, not scripts or forms: the page's CSP stays as it is, and each is a plain GET to our own start route. */
function providerButtons(model: LoginPageModel): string {
  if (!model.providers?.length) return '';
  const t = pageTranslator();
  const hint = model.passwordOptional ? `<p>${escapeHtml(t.t('login.workAccountHint'))}</p>\n` : '';
  const links = model.providers.map((provider) => {
    const href = `${model.pathPrefix}/federation/${encodeURIComponent(provider.name)}/start?${new URLSearchParams({ return_to: model.returnTo })}`;
    return `  <li><a class="button secondary" href="${escapeHtml(href)}">${escapeHtml(t.t('login.withProvider', { provider: provider.displayName }))}</a></li>`;
  });
  return `\n<section aria-label="${escapeHtml(t.t('login.otherWays'))}">\n${hint}<ul class="providers">\n${links.join('\n')}\n</ul>\n</section>`;
}

/** The passwordless passkey form, posting to /login/passkey. */
function passkeySignIn(model: Pick<LoginPageModel, 'pathPrefix' | 'csrfToken' | 'returnTo'>, options: Partial<PasskeyFormModel> = {}): string {
  return passkeyForm({
    ceremony: 'authenticate',
    action: `${model.pathPrefix}/login/passkey`,
    optionsUrl: `${model.pathPrefix}/login/passkey/options`,
    csrfToken: model.csrfToken,
    returnTo: model.returnTo,
    button: pageTranslator().t('passkeyLogin.title'),
    ...options,
  });
}

/** The passkey sign-in on a page of its own: where the login page's link leads without scripts. */
export function renderPasskeyLoginPage(model: Pick<LoginPageModel, 'pathPrefix' | 'csrfToken' | 'returnTo' | 'error'>): string {
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  const form = passkeySignIn(model);
  const back = `${model.pathPrefix}/login?${new URLSearchParams({ return_to: model.returnTo }).toString()}`;
  const t = pageTranslator();
  const title = t.t('passkeyLogin.title');
  const body = `<h1>${escapeHtml(title)}</h1>\n${error}\n<p>${escapeHtml(t.t('passkeyLogin.intro'))}</p>\n${form}\n<p><a href="${escapeHtml(back)}">${escapeHtml(t.t('passkeyLogin.withPassword'))}</a></p>`;
  return htmlPage(title, body, passkeyScripts(model.pathPrefix));
}
