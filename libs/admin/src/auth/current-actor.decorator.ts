import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AdminActor } from './admin-actor';
import type { AdminRequest } from './admin-auth.guard';

/** The AdminActor that AdminAuthGuard authorized for this request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): AdminActor => {
  return context.switchToHttp().getRequest<AdminRequest>().adminActor!;
});
