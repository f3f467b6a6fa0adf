import { Module } from '@nestjs/common';
import { ClientsModule } from '@app/clients';
import { UsersModule } from '@app/users';
import { AppAccessPolicy } from './app-access.policy';
import { AuthenticationRequirements } from './authentication-requirement';
import { PersonClaims } from './person-claims.service';
import { PolicyReferences } from './policy-references.service';

/** Groups put to use: who may use which app, the `groups`/`roles` claims, and the references between them. */
@Module({
  imports: [UsersModule, ClientsModule],
  providers: [AppAccessPolicy, AuthenticationRequirements, PersonClaims, PolicyReferences],
  exports: [AppAccessPolicy, AuthenticationRequirements, PersonClaims, PolicyReferences],
})
export class AccessModule {}
