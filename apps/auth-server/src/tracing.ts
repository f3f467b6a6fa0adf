// Imported first by main.ts: tracing must start before `http` and `pg` are loaded to see them.
import { startTracing } from './tracing/start-tracing';

startTracing(process.env);
