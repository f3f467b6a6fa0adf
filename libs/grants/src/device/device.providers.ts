import { DeviceAuthorizationAdminService } from './device-authorization-admin.service';
import { DeviceAuthorizationController } from './device-authorization.controller';
import { DeviceAuthorizationRepository } from './device-authorization.repository';
import { DeviceAuthorizationService } from './device-authorization.service';
import { DeviceVerificationThrottle } from './device-verification-throttle.service';
import { DeviceVerificationController } from './device-verification.controller';
import { DeviceVerificationService } from './device-verification.service';

/** The device flow's pieces, listed once so the grants module adds them with one line each. */
export const DEVICE_CONTROLLERS = [DeviceAuthorizationController, DeviceVerificationController];
export const DEVICE_PROVIDERS = [
  DeviceAuthorizationRepository,
  DeviceAuthorizationService,
  DeviceAuthorizationAdminService,
  DeviceVerificationService,
  DeviceVerificationThrottle,
];
