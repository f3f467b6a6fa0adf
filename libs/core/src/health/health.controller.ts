import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DatabaseHealth } from '../database/database-health';
import { StorageHealth } from '../database/storage-health';
import { ShutdownState } from './shutdown-state';

@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly storage: StorageHealth,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process is up and answering; never depends on the database. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to take traffic: the database answers, its disk has room, and the process is not draining. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const [database, storage] = this.shutdown.isDraining ? [false, true] : await Promise.all([this.database.isReachable(), this.storage.hasRoom()]);
    const ok = database && storage && !this.shutdown.isDraining;
    await reply
      .status(ok ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({
        status: ok ? 'ok' : 'unavailable',
        checks: { database: database ? 'up' : 'down', storage: storage ? 'ok' : 'full', draining: this.shutdown.isDraining },
      });
  }
}
