import type { logout as en } from '../en/logout';

export const logout: Record<keyof typeof en, string> = {
  'logout.confirm.title': 'Abmelden?',
  'logout.confirm.question': 'Möchten Sie sich von diesem Server abmelden?',
  'logout.confirm.from': '<strong>{client}</strong> bittet Sie, sich abzumelden.',
  'logout.confirm.submit': 'Abmelden',
  'logout.confirm.expired': 'Das Abmeldeformular ist abgelaufen oder stammt nicht aus diesem Browser.',
  'logout.done.title': 'Abgemeldet',
  'logout.done.text': 'Sie sind abgemeldet. Sie können dieses Fenster schließen.',
  'logout.done.continue': 'Weiter zur Anwendung',
  'logout.done.frameTitle': 'Abmeldung von einer Anwendung',
  'logout.invalid.title': 'Ungültige Abmeldeanfrage',
  'logout.invalid.foreignHint': 'Der id_token_hint wurde nicht von diesem Server ausgestellt.',
  'logout.invalid.clientMismatch': 'Die client_id passt nicht zum id_token_hint.',
  'logout.invalid.redirectWithoutClient': 'Für post_logout_redirect_uri wird client_id oder id_token_hint benötigt.',
};
