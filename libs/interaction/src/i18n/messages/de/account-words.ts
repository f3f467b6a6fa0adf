import type { accountWords as en } from '../en/account-words';

export const accountWords: Record<keyof typeof en, string> = {
  'browser.unknown': 'Unbekannter Browser',
  'browser.on': '{browser} unter {system}',
  'browser.anyOn': 'Ein Browser unter {system}',
  'method.pwd': 'Passwort',
  'method.otp': 'Einmalcode',
  'method.hwk': 'Sicherheitsschlüssel',
  'method.swk': 'Passkey',
  'method.user': 'Anwesenheit des Benutzers',
  'method.pin': 'PIN',
  'method.mfa': 'mehrere Faktoren',
  'method.fed': 'ein anderer Anbieter',
  'level.pwd': 'Passwort',
  'level.mfa': 'Zwei Faktoren',
  'level.phr': 'Phishing-resistent',
};
