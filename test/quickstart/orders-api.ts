import { createOrdersApp } from '../../apps/orders-api/src/create-orders-app';

export interface RunningApi {
  /** The API's base URL on a host name (http://localhost:<port>). */
  baseUrl: string;
  close(): Promise<void>;
}

/** apps/orders-api as its README starts it: local JWT checks against `issuer`, for `audience`, with CORS for `corsOrigins`. */
export async function startOrdersApi(issuer: string, audience: string, corsOrigins: string[] = []): Promise<RunningApi> {
  const app = await createOrdersApp({ issuer, audience, mode: 'jwt' }, { logger: false, corsOrigins });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return { baseUrl: `http://localhost:${port}`, close: () => app.close() };
}
