// The ceiling: a bare Fastify hello-world on the same machine, no framework or database in the way.
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3100);
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write(`listening ${port}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => app.close().then(() => process.exit(0)));
