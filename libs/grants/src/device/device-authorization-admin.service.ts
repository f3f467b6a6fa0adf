import { Injectable } from '@nestjs/common';
import { Conflict, isUuid, NotFound } from '@app/core';
import { DeviceAuthorizationEntity } from './device-authorization.entity';
import { decodePendingCursor, DeviceAuthorizationRepository, PendingPage } from './device-authorization.repository';

/** What the admin API may do with device authorizations: see the pending ones and deny one. */
@Injectable()
export class DeviceAuthorizationAdminService {
  constructor(private readonly authorizations: DeviceAuthorizationRepository) {}

  listPending(options: { limit: number; cursor?: string }): Promise<PendingPage> {
    return this.authorizations.listPending(options.limit, options.cursor ? decodePendingCursor(options.cursor) : undefined);
  }

  async deny(id: string): Promise<DeviceAuthorizationEntity> {
    if (!isUuid(id)) throw new NotFound(`No device authorization with id ${id}`);
    const result = await this.authorizations.denyPending(id);
    if (result === 'not_found') throw new NotFound(`No device authorization with id ${id}`);
    if (result === 'not_pending') throw new Conflict('The device authorization was already decided');
    return result;
  }
}

export function isValidDeviceCursor(cursor: string): boolean {
  return decodePendingCursor(cursor) !== undefined;
}
