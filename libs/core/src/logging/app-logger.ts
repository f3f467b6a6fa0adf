import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import type { LogLevel } from '../config/app-config';

export const APP_LOGGER = Symbol('APP_LOGGER');
export type AppLogger = Logger;

/** JSON logs on stdout; Fastify shares this logger, so each request line carries its request id. */
export function createAppLogger(level: LogLevel): AppLogger {
  return pino({
    level,
    base: { service: 'auth-server' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.client_secret'], remove: true },
  });
}

/** Adapts pino to Nest's LoggerService so framework messages are JSON too. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: AppLogger) {}
  log(message: unknown, context?: string): void {
    // Nest's own progress lines (modules, routes) are debug detail; warnings and errors stay visible.
    this.logger.debug({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
