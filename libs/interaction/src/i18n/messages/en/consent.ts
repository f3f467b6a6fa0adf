/** The consent page, and the plain words for the scopes this server defines itself (OIDC Core §5.4, §11). */
export const consent = {
  'consent.title': 'Allow access?',
  'consent.asksTo': '<strong>{client}</strong> asks to:',
  'consent.signInOnly': 'Sign you in',
  'consent.notYou': 'Not you?',
  'consent.expired': 'The consent form expired or did not come from this browser. Go back to the application and try again.',
  'consent.chooseDecision': 'Choose Allow or Deny.',
  'scope.openid': 'Know who you are (your account identifier)',
  'scope.profile': 'See your name and username',
  'scope.email': 'See your e-mail address',
  'scope.offline_access': 'Keep access while you are not using it',
  'scope.groups': 'See the groups you are in',
  'scope.roles': 'See your roles',
};
