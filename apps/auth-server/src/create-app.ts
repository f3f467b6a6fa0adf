import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AdminModule } from '@app/admin';
import { BrandingService } from '@app/branding';
import { AppConfig, AppLogger, NestPinoLogger, ShutdownState } from '@app/core';
import { PageErrorFilter, registerPageBranding, registerPageContext } from '@app/interaction';
import { AppModule } from './app.module';
import { registerCors } from './http/cors';
import { ErrorResponder } from './http/error-responder';
import { frameworkErrorOptions } from './http/framework-errors';
import { requireHostHeader } from './http/host-header';
import { registerMetrics } from './http/metrics';
import { RequestLogController } from './http/request-log';
import { fastifyTrustProxy } from './http/trust-proxy';
import { serveUnderIssuerPath } from './http/issuer-path';
import { HandlerSpanInterceptor } from './tracing/handler-span.interceptor';
import { nameSpansAfterRoutes } from './tracing/route-span-name';
import { tracingStarted } from './tracing/start-tracing';

/** Builds the HTTP application: Fastify (Nest parses JSON and form bodies), the one error renderer, the OpenAPI document. */
export async function createApp(config: AppConfig, logger: AppLogger): Promise<NestFastifyApplication> {
  const errors = new ErrorResponder(config, logger);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // Per-request log lines only at debug: at thousands of requests per second they would dominate.
    logController: new RequestLogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    bodyLimit: config.bodyLimit,
    genReqId: (request: IncomingMessage) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    requestTimeout: 30_000,
    connectionTimeout: 10_000,
    keepAliveTimeout: 65_000,
    // X-Forwarded-* only from the peers TRUST_PROXY names, so `request.ip` (login limits, audit) is the person's.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Missing Host is answered by our hook (host-header.ts) instead of Node's bodiless 400.
    http: { requireHostHeader: false },
    ...frameworkErrorOptions(errors),
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger, errors), adapter, {
    logger: new NestPinoLogger(logger),
    bufferLogs: false,
    // A failed start rejects (main.ts exits with the right code) instead of Nest ending the process itself,
    // so embedding callers such as the black-box tests see the cause.
    abortOnError: false,
  });
  errors.attachPages(app.get(PageErrorFilter));
  const fastify = app.getHttpAdapter().getInstance();
  registerMetrics(app, config);
  if (tracingStarted()) {
    nameSpansAfterRoutes(fastify);
    app.useGlobalInterceptors(new HandlerSpanInterceptor());
  }
  requireHostHeader(fastify, errors);
  registerCors(fastify, config);
  registerPageContext(fastify, config);
  registerPageBranding(fastify, config, app.get(BrandingService));
  // RFC 7644 §3.1: SCIM bodies are application/scim+json, parsed like JSON (prototype poisoning refused).
  fastify.addContentTypeParser('application/scim+json', { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'));
  serveUnderIssuerPath(app, config);
  const shutdown = app.get(ShutdownState);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    if (shutdown.isDraining) reply.header('Connection', 'close');
  });

  // Built on first request, not at start: most instances never serve it.
  let openApi: OpenAPIObject | undefined;
  const openApiDocument = () =>
    (openApi ??= SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Admin API')
        .setDescription('Manage client registrations, people, APIs and signing keys. Bearer token with scope `admin`.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
      { include: [AdminModule] },
    ));
  fastify.get(config.localPath('/admin/v1/openapi.json'), async (_request, reply) => reply.header('Cache-Control', 'no-cache').send(openApiDocument()));
  return app;
}
