export * from './discovery/server-metadata.service';
export * from './grants.module';
export * from './registry/grant-handler';
export * from './registry/grant-registry';
export * from './scopes/scope-policy';

export const GRANTS_ENTITIES = [];
export const GRANTS_MIGRATIONS = [];
