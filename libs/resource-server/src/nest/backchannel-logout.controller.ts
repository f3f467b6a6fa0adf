import { Controller, Inject, Logger, Post, Req, Res, type Type } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { handleBackchannelLogout } from '../logout/backchannel-logout-handler';
import { LogoutTokenVerifier } from '../logout/logout-token-verifier';
import type { BackchannelLogoutModuleOptions } from './backchannel-logout.options';
import { BACKCHANNEL_LOGOUT_OPTIONS } from './constants';
import { Public } from './decorators';

interface FormRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/**
 * Builds the controller for one path (decorators need it when the class is defined). The route is
 * `@Public()`: the provider authenticates with the signed logout token, never with a bearer token. The answer
 * goes through the active HTTP adapter, so the same class works on Express and on Fastify.
 */
export function backchannelLogoutController(path: string): Type<unknown> {
  @Controller()
  class BackchannelLogoutController {
    private readonly logger = new Logger('BackchannelLogout');

    constructor(
      @Inject(LogoutTokenVerifier) private readonly verifier: LogoutTokenVerifier,
      @Inject(BACKCHANNEL_LOGOUT_OPTIONS) private readonly options: BackchannelLogoutModuleOptions,
      @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    ) {}

    @Post(path)
    @Public()
    async receive(@Req() request: FormRequest, @Res() response: unknown): Promise<void> {
      const contentType = request.headers['content-type'];
      const answer = await handleBackchannelLogout(this.verifier, this.options.onLogout, {
        contentType: typeof contentType === 'string' ? contentType : undefined,
        body: request.body,
      });
      if (answer.body !== undefined) {
        const detail = answer.failure instanceof Error ? answer.failure.message : answer.body.error_description;
        this.logger.warn(`Back-channel logout refused (${answer.body.error}): ${detail}`);
      }
      const adapter = this.adapterHost.httpAdapter;
      for (const [name, value] of Object.entries(answer.headers)) adapter.setHeader(response, name, value);
      adapter.reply(response, answer.body, answer.status);
    }
  }
  return BackchannelLogoutController;
}
