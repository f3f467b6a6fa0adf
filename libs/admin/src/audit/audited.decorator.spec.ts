import { METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ApisAdminController } from '../apis/apis-admin.controller';
import { ClientsAdminController } from '../clients/clients-admin.controller';
import { DeviceAuthorizationsAdminController } from '../device/device-authorizations-admin.controller';
import { KeysAdminController } from '../keys/keys-admin.controller';
import { UsersAdminController } from '../users/users-admin.controller';
import { AUDITED } from './audited.decorator';

describe('@Audited on the admin API', () => {
  const controllers = [ClientsAdminController, ApisAdminController, UsersAdminController, KeysAdminController, DeviceAuthorizationsAdminController];

  it('marks every route that changes something, so no admin change goes unrecorded', () => {
    const missing: string[] = [];
    let changing = 0;
    for (const controller of controllers) {
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined || method === RequestMethod.GET) continue;
        changing++;
        if (!Reflect.getMetadata(AUDITED, handler)) missing.push(`${controller.name}.${name}`);
      }
    }
    expect(changing).toBeGreaterThanOrEqual(15);
    expect(missing).toEqual([]);
  });
});
