import { CreateScimResources1764100021000 } from './migrations/1764100021000-create-scim-resources';

export { isScimRequest, renderScimError } from './http/scim-error';
export * from './scim.module';

export const SCIM_MIGRATIONS = [CreateScimResources1764100021000];
