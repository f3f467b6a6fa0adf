export * from './device';
export * from './discovery/server-metadata.service';
export * from './grants.module';
export * from './registry/grant-handler';
export * from './registry/grant-registry';
export * from './scopes/scope-policy';
import { CreateAuthorization1764100002500 } from './migrations/1764100002500-create-authorization';
import { CreateDeviceAuthorizations1764100005000, DeviceAuthorizationEntity } from './device';

export const GRANTS_ENTITIES = [DeviceAuthorizationEntity];
export const GRANTS_MIGRATIONS = [CreateAuthorization1764100002500, CreateDeviceAuthorizations1764100005000];
