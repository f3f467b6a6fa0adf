import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '@app/audit';
import { BRANDING_ENTITIES, BRANDING_MIGRATIONS } from '@app/branding';
import { CLIENTS_ENTITIES, CLIENTS_MIGRATIONS } from '@app/clients';
import type { DatabaseModuleOptions } from '@app/core';
import { FEDERATION_ENTITIES, FEDERATION_MIGRATIONS } from '@app/federation';
import { GRANTS_ENTITIES, GRANTS_MIGRATIONS } from '@app/grants';
import { LOGOUT_ENTITIES, LOGOUT_MIGRATIONS } from '@app/logout';
import { SCIM_MIGRATIONS } from '@app/scim';
import { TOKENS_ENTITIES, TOKENS_MIGRATIONS } from '@app/tokens';
import { USERS_ENTITIES, USERS_MIGRATIONS } from '@app/users';

/** One database holds every lib's tables; the server and the migrate command both open it with this. */
export const DATABASE_SCHEMA: DatabaseModuleOptions = {
  entities: [...CLIENTS_ENTITIES, ...USERS_ENTITIES, ...TOKENS_ENTITIES, ...GRANTS_ENTITIES, ...AUDIT_ENTITIES, ...FEDERATION_ENTITIES, ...LOGOUT_ENTITIES, ...BRANDING_ENTITIES],
  migrations: [...CLIENTS_MIGRATIONS, ...USERS_MIGRATIONS, ...TOKENS_MIGRATIONS, ...GRANTS_MIGRATIONS, ...AUDIT_MIGRATIONS, ...FEDERATION_MIGRATIONS, ...LOGOUT_MIGRATIONS, ...SCIM_MIGRATIONS, ...BRANDING_MIGRATIONS],
};
