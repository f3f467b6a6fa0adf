import './tracing';
import 'reflect-metadata';
import cluster from 'node:cluster';
import { AppConfig, AppLogger, ConfigError, createAppLogger, ShutdownState } from '@app/core';
import { runCommand, isCommand } from './commands/commands';
import { createApp } from './create-app';
import { migrateCommandEnv, runMigrateCommand } from './migrate-command';
import { describeStartupFailure } from './startup-failure';
import { answerPrimaryMetricsRequests, serveClusterMetrics } from './http/cluster-metrics';
import { stopTracing } from './tracing/start-tracing';

/** After the drain, in-flight requests get this long to finish before the process gives up on them. */
const SHUTDOWN_GRACE_MS = 10_000;

function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  try {
    return new AppConfig(env);
  } catch (error) {
    // A bad setting stops the server with a message naming the variable.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof ConfigError || (error as Error).name === 'ConfigError' ? 78 : 1);
  }
}

/** One server: listens, and on SIGTERM drains (readiness red), finishes in-flight requests and exits. */
async function serve(config: AppConfig, logger: AppLogger): Promise<void> {
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
    await stopTracing();
    logger.info('shut down');
    process.exit(0);
  };
  process.removeAllListeners('SIGTERM');
  process.removeAllListeners('SIGINT');
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * WORKERS > 1: one process per worker on the same port (node:cluster). They share nothing but the
 * database, exactly like instances behind a load balancer. The first worker starts alone, so it runs the
 * migrations and creates the first keys before the others start.
 */
function supervise(config: AppConfig, logger: AppLogger): void {
  let stopping = false;
  const fork = () => cluster.fork();
  const first = fork();
  first.once('listening', () => {
    for (let i = 1; i < config.workers; i++) fork();
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    logger.warn({ pid: worker.process.pid, code }, 'worker exited; starting another');
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 100);
    check.unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== undefined && command !== 'migrate' && !isCommand(command)) {
    process.stderr.write(
      `Unknown command "${command}": run with no argument to serve, "migrate" to apply migrations and exit, or "backup" / "restore"\n`,
    );
    process.exit(64);
  }
  const config = loadConfig(command === 'migrate' ? migrateCommandEnv(process.env) : process.env);
  if (isCommand(command)) process.exit(await runCommand(command, args, config));
  const logger = createAppLogger(config.logLevel);
  if (command === 'migrate') {
    await runMigrateCommand(config, logger);
    process.exit(0);
  }
  if (config.workers > 1 && cluster.isPrimary) {
    logger.info({ workers: config.workers }, 'starting workers');
    supervise(config, logger);
    await serveClusterMetrics(config, logger);
    return;
  }
  if (cluster.isWorker) answerPrimaryMetricsRequests();
  await serve(config, logger);
}

main().catch((error: unknown) => {
  const { exitCode, message } = describeStartupFailure(error);
  process.stderr.write(`Failed to start: ${message}\n`);
  process.exit(exitCode);
});
