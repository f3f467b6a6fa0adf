import 'reflect-metadata';
import { AppConfig, ConfigError, createAppLogger, ShutdownState } from '@app/core';
import { createApp } from './create-app';

/** After the drain, in-flight requests get this long to finish before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = new AppConfig(process.env);
  } catch (error) {
    // A bad setting stops the server with a message naming the variable.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof ConfigError || (error as Error).name === 'ConfigError' ? 78 : 1);
  }
  const logger = createAppLogger(config.logLevel);
  const started = Date.now();
  const app = await createApp(config, logger);
  await app.listen({ port: config.port, host: config.host });
  logger.info({ issuer: config.issuer, port: config.port, ms: Date.now() - started }, 'server listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainMs: config.shutdownDrainMs }, 'shutting down: readiness off, draining');
    // Readiness turns red and keep-alive connections are told to close, so the load balancer moves traffic
    // away before the listener stops accepting; requests already running finish in app.close().
    app.get(ShutdownState).beginDraining();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    const force = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
    force.unref();
    await app.close();
    logger.info('shut down');
    process.exit(0);
  };
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
