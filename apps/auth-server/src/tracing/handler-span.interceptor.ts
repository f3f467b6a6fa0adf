import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { context as otelContext, Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';

const tracer = trace.getTracer('meridian-auth');

/**
 * One span per controller handler (`TokenController.token`), child of the HTTP request's span, so the
 * database statements the handler runs hang under it. The official Nest instrumentation patches the
 * CommonJS files of Nest 4-11; Nest 12 is ES modules only, so the handler span is made here. Only the
 * class and method names are recorded, never arguments.
 */
@Injectable()
export class HandlerSpanInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const name = `${execution.getClass().name}.${execution.getHandler().name}`;
    return new Observable((subscriber) => {
      const span = tracer.startSpan(name, { attributes: { 'code.function.name': name, 'nestjs.type': 'handler' } });
      // The handler is started inside the span's context, so its awaits (and pg spans) keep it as parent.
      const subscription = otelContext.with(trace.setSpan(otelContext.active(), span), () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            failed(span, error);
            subscriber.error(error);
          },
          complete: () => {
            span.end();
            subscriber.complete();
          },
        }),
      );
      return () => subscription.unsubscribe();
    });
  }
}

/** The error's class only: messages may quote input. */
function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
  span.end();
}
