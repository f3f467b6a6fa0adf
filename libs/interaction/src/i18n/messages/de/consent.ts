import type { consent as en } from '../en/consent';

export const consent: Record<keyof typeof en, string> = {
  'consent.title': 'Zugriff erlauben?',
  'consent.asksTo': '<strong>{client}</strong> möchte:',
  'consent.signInOnly': 'Sie anmelden',
  'consent.notYou': 'Nicht Sie?',
  'consent.expired': 'Das Zustimmungsformular ist abgelaufen oder stammt nicht aus diesem Browser. Kehren Sie zur Anwendung zurück und versuchen Sie es noch einmal.',
  'consent.chooseDecision': 'Wählen Sie „Erlauben“ oder „Ablehnen“.',
  'scope.openid': 'Wissen, wer Sie sind (Ihre Kontokennung)',
  'scope.profile': 'Ihren Namen und Benutzernamen sehen',
  'scope.email': 'Ihre E-Mail-Adresse sehen',
  'scope.offline_access': 'Zugriff behalten, während Sie die Anwendung nicht verwenden',
  'scope.groups': 'Die Gruppen sehen, in denen Sie Mitglied sind',
  'scope.roles': 'Ihre Rollen sehen',
};
