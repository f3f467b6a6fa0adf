import { pageTranslator } from '../i18n/page-context';
import { escapeHtml } from './html';

export interface PasskeyFormModel {
  /** Creating a new credential, or signing with one. */
  ceremony: 'register' | 'authenticate';
  /** Where the finished ceremony is posted (a form post, answered with a page or a redirect). */
  action: string;
  /** Where the script fetches the WebAuthn options (POST with the form's csrf_token). */
  optionsUrl: string;
  csrfToken: string;
  returnTo: string;
  button: string;
  /** Also offer passkeys in the username field's autofill (conditional mediation). */
  autofill?: boolean;
  /** More hidden fields (a label, a pending id). */
  fields?: Readonly<Record<string, string>>;
  /**
   * Start with a link instead of a button: where the page's main button must stay the only one (the
   * login form's "Sign in"). The link leads to a page of its own for browsers without scripts.
   */
  linkHref?: string;
  /**
   * Use the csrf_token and return_to of the page's other form (the login page keeps one of each), copied in
   * by the script when it submits.
   */
  sharedFields?: boolean;
}

/**
 * A form driven by /assets/passkey.js (see PASSKEY_SCRIPT): its button stays disabled until the script
 * runs, so a browser without scripts or WebAuthn is not offered what it cannot do (a link start leads to a
 * page that says so). The script's own messages come translated in data- attributes: it is one static file.
 */
export function passkeyForm(model: PasskeyFormModel): string {
  const extra = Object.entries(model.fields ?? {})
    .map(([name, value]) => `\n  <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const t = pageTranslator();
  const messages = ` data-unsupported-message="${escapeHtml(t.t('passkey.unsupported'))}" data-failed-message="${escapeHtml(t.t('passkey.notUsed'))}"`;
  return `<form method="post" action="${escapeHtml(model.action)}" data-passkey="${model.ceremony}" data-options="${escapeHtml(model.optionsUrl)}"${model.autofill ? ' data-autofill' : ''}${model.sharedFields ? ' data-shared-fields' : ''}${messages}>${model.sharedFields ? '' : `
  <input type="hidden" name="csrf_token" value="${escapeHtml(model.csrfToken)}">
  <input type="hidden" name="return_to" value="${escapeHtml(model.returnTo)}">`}
  <input type="hidden" name="handle" value="">
  <input type="hidden" name="response" value="">${extra}
  <p class="error" data-passkey-error role="alert" hidden></p>
  ${model.linkHref
    ? `<p><a href="${escapeHtml(model.linkHref)}" data-passkey-start>${escapeHtml(model.button)}</a></p>`
    : `<button type="submit" class="secondary" data-passkey-start disabled>${escapeHtml(model.button)}</button>`}
</form>`;
}

/** The script files of a page with a passkey form (see AssetsController), under the issuer's path. */
export function passkeyScripts(pathPrefix: string): string[] {
  return [`${pathPrefix}/assets/webauthn-browser.js`, `${pathPrefix}/assets/passkey.js`];
}
