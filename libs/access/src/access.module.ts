import { Module } from '@nestjs/common';
import { ClientsModule } from '@app/clients';
import { UsersModule } from '@app/users';
import { AppAccessPolicy } from './app-access.policy';
import { PersonClaims } from './person-claims.service';
import { PolicyReferences } from './policy-references.service';

/** Groups put to use: who may use which app, the `groups`/`roles` claims, and the references between them. */
@Module({
  imports: [UsersModule, ClientsModule],
  providers: [AppAccessPolicy, PersonClaims, PolicyReferences],
  exports: [AppAccessPolicy, PersonClaims, PolicyReferences],
})
export class AccessModule {}
