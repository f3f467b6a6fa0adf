import 'reflect-metadata';
import { createOrdersApp } from './create-orders-app';
import { readOrdersApiConfig } from './orders-api.config';

async function main(): Promise<void> {
  const config = readOrdersApiConfig(process.env);
  const app = await createOrdersApp(config.resourceServer, { backchannelLogout: config.backchannelLogout, corsOrigins: config.corsOrigins });
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: '0.0.0.0' });
}

main().catch((error: unknown) => {
  process.stderr.write(`orders-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
