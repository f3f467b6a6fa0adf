import { DeviceAuthorizationAdminService } from './device-authorization-admin.service';
import { DeviceAuthorizationController } from './device-authorization.controller';
import { DeviceAuthorizationRepository } from './device-authorization.repository';
import { DeviceAuthorizationService } from './device-authorization.service';

/** The device flow's machine side (its verification page is in libs/interaction), listed once. */
export const DEVICE_CONTROLLERS = [DeviceAuthorizationController];
export const DEVICE_PROVIDERS = [
  DeviceAuthorizationRepository,
  DeviceAuthorizationService,
  DeviceAuthorizationAdminService,
];
