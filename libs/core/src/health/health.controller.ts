import { Controller, Get, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DatabaseHealth } from '../database/database-health';
import { ShutdownState } from './shutdown-state';

@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseHealth,
    private readonly shutdown: ShutdownState,
  ) {}

  /** The process is up and answering; never depends on the database. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to take traffic: the database answers and the process is not draining. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const database = this.shutdown.isDraining ? false : await this.database.isReachable();
    const ok = database && !this.shutdown.isDraining;
    await reply
      .status(ok ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable', checks: { database: database ? 'up' : 'down', draining: this.shutdown.isDraining } });
  }
}
