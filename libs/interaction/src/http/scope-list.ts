import type { MessageKey } from '../i18n/catalogues';
import { pageTranslator } from '../i18n/page-context';
import { escapeHtml } from './html';

/**
 * The scopes this server defines itself (OIDC Core §5.4, §11; our groups and roles), whose plain words are
 * in the catalogues; an API's scopes keep the words its administrator registered, in whatever language.
 */
const BUILT_IN_DESCRIPTIONS: Readonly<Record<string, MessageKey>> = {
  openid: 'scope.openid',
  profile: 'scope.profile',
  email: 'scope.email',
  offline_access: 'scope.offline_access',
  groups: 'scope.groups',
  roles: 'scope.roles',
};

/**
 * The requested scopes as a list, each in plain words where we have them (ours, or the description the
 * API that owns it was registered with) and always with its name; a scope without words shows its name.
 */
export function renderScopeList(scopes: readonly string[], apiDescriptions: ReadonlyMap<string, string> = new Map()): string {
  const t = pageTranslator();
  const items = scopes.map((scope) => {
    const builtIn = Object.hasOwn(BUILT_IN_DESCRIPTIONS, scope) ? BUILT_IN_DESCRIPTIONS[scope] : undefined;
    const description = builtIn ? t.t(builtIn) : apiDescriptions.get(scope)?.trim();
    return `<li>${description ? `${escapeHtml(description)} ` : ''}<code>${escapeHtml(scope)}</code></li>`;
  });
  return `<ul class="scopes">${items.join('\n')}</ul>`;
}
