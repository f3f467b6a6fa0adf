import { escapeHtml } from './html';

/** Plain words for the scopes this server defines itself (OIDC Core §5.4, §11; our groups and roles). */
const BUILT_IN_DESCRIPTIONS: Readonly<Record<string, string>> = {
  openid: 'Know who you are (your account identifier)',
  profile: 'See your name and username',
  email: 'See your e-mail address',
  offline_access: 'Keep access while you are not using it',
  groups: 'See the groups you are in',
  roles: 'See your roles',
};

/**
 * The requested scopes as a list, each in plain words where we have them (ours, or the description the
 * API that owns it was registered with) and always with its name; a scope without words shows its name.
 */
export function renderScopeList(scopes: readonly string[], apiDescriptions: ReadonlyMap<string, string> = new Map()): string {
  const items = scopes.map((scope) => {
    const description = BUILT_IN_DESCRIPTIONS[scope] ?? apiDescriptions.get(scope)?.trim();
    return `<li>${description ? `${escapeHtml(description)} ` : ''}<code>${escapeHtml(scope)}</code></li>`;
  });
  return `<ul class="scopes">${items.join('\n')}</ul>`;
}
