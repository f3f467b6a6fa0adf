import type { common as en } from '../en/common';

export const common: Record<keyof typeof en, string> = {
  'common.allow': 'Erlauben',
  'common.deny': 'Ablehnen',
  'common.cancel': 'Abbrechen',
  'common.continue': 'Weiter',
  'common.back': 'Zurück',
  'client.section': 'Anwendung',
  'client.website': 'Website',
  'client.privacyPolicy': 'Datenschutzerklärung',
  'client.termsOfService': 'Nutzungsbedingungen',
  'signedInAs.name': 'Angemeldet als <strong>{name}</strong> ({username}).',
  'signedInAs.username': 'Angemeldet als <strong>{username}</strong>.',
  'error.code': 'Fehlercode: <code>{code}</code>',
  'error.details': 'Details: {description}',
  'error.unavailable.title': 'Dienst nicht verfügbar',
  'error.unavailable.text': 'Die Anmeldung ist gerade nicht möglich. Bitte versuchen Sie es gleich noch einmal.',
  'error.rejected.title': 'Anfrage nicht angenommen',
  'error.rejected.text': 'Die Anfrage konnte nicht angenommen werden.',
  'error.malformed': 'Die Anfrage ist fehlerhaft.',
};
