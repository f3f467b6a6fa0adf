export { DeviceAuthorizationAdminService, isValidDeviceCursor } from './device-authorization-admin.service';
export { DeviceAuthorizationEntity } from './device-authorization.entity';
export type { DeviceAuthorizationStatus } from './device-authorization.entity';
export { CreateDeviceAuthorizations1764100005000 } from './migrations/1764100005000-create-device-authorizations';
export { DeviceAuthorizationRepository } from './device-authorization.repository';
export type { DeviceDecider } from './device-authorization.repository';
export { hashUserCode } from './device-authorization.service';
export { formatUserCode, normalizeUserCode } from './user-code';
