/** Words the account pages put together: browser names and how a session signed in (RFC 8176 methods). */
export const accountWords = {
  'browser.unknown': 'Unknown browser',
  'browser.on': '{browser} on {system}',
  'browser.anyOn': 'A browser on {system}',
  'method.pwd': 'password',
  'method.otp': 'one-time code',
  'method.hwk': 'security key',
  'method.swk': 'passkey',
  'method.user': 'user presence',
  'method.pin': 'PIN',
  'method.mfa': 'several factors',
  'method.fed': 'another provider',
  'level.pwd': 'Password',
  'level.mfa': 'Two factors',
  'level.phr': 'Phishing-resistant',
};
