/** The sign-out pages (RP-Initiated Logout 1.0, Front-Channel Logout 1.0) and the sign-out request's errors. */
export const logout = {
  'logout.confirm.title': 'Sign out?',
  'logout.confirm.question': 'Do you want to sign out of this server?',
  'logout.confirm.from': '<strong>{client}</strong> asks you to sign out.',
  'logout.confirm.submit': 'Sign out',
  'logout.confirm.expired': 'The sign-out form expired or did not come from this browser.',
  'logout.done.title': 'Signed out',
  'logout.done.text': 'You are signed out. You can close this window.',
  'logout.done.continue': 'Continue to the application',
  'logout.done.frameTitle': 'Signing out of an application',
  'logout.invalid.title': 'Invalid sign-out request',
  'logout.invalid.foreignHint': 'The id_token_hint was not issued by this server.',
  'logout.invalid.clientMismatch': 'client_id does not match the id_token_hint.',
  'logout.invalid.redirectWithoutClient': 'post_logout_redirect_uri needs client_id or id_token_hint.',
};
