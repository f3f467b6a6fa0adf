import { Module } from '@nestjs/common';
import { GrantsModule } from '@app/grants';
import { UsersModule } from '@app/users';
import { FederatedAccounts } from './accounts/federated-accounts.service';
import { IdentityProviderService } from './providers/identity-provider.service';
import { LdapPasswordDirectory } from './ldap/ldap-password-directory.service';
import { LdapSync } from './ldap/ldap-sync.service';

/** Signing people in through upstream identity providers: OpenID Providers and LDAP directories. */
@Module({
  imports: [UsersModule, GrantsModule],
  providers: [IdentityProviderService, FederatedAccounts, LdapPasswordDirectory, LdapSync],
  exports: [IdentityProviderService, FederatedAccounts, LdapSync],
})
export class FederationModule {}
