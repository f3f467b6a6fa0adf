/** Why an upstream sign-in does not become a session here; the page shows one plain sentence per reason. */
export class FederationRefused extends Error {
  constructor(
    readonly reason: 'no-account' | 'disabled' | 'email-conflict',
    readonly userId?: string,
  ) {
    super(
      reason === 'disabled'
        ? 'This account is disabled.'
        : reason === 'email-conflict'
          ? 'An account with this e-mail address exists here already; ask an administrator to link it.'
          : 'There is no account here for this sign-in; ask an administrator for access.',
    );
    this.name = 'FederationRefused';
  }
}
