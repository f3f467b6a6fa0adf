import { UseFilters } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { PageErrorFilter } from './page-error.filter';

/** The Fastify route config key that marks a route as a page a person sees. */
const PAGE_ROUTE = 'interactionPage';
/** The paths of the page controllers, as their `@Controller` declares them ('login', 'oauth2/consent'). */
const pagePaths = new Set<string>();

/**
 * Declares a controller's routes pages a person sees in a browser: errors are answered with an HTML page
 * (or the redirect back to a verified client), never JSON, by the one page error filter. The mark is also
 * in each route's config, so errors raised before the handler runs (a body too large for the form, a wrong
 * content type) find the same filter.
 */
export function Page(): ClassDecorator {
  return (target) => {
    UseFilters(PageErrorFilter)(target);
    // Applied above @Controller, whose path is then known.
    const path = Reflect.getMetadata(PATH_METADATA, target) as string | undefined;
    if (path) pagePaths.add(`/${path.replace(/^\/+|\/+$/g, '')}`);
    const prototype = target.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (name === 'constructor' || typeof descriptor?.value !== 'function') continue;
      RouteConfig({ [PAGE_ROUTE]: true })(prototype, name, descriptor);
    }
  };
}

/**
 * True when the request is for a page (see `Page`): routed to one, or, when no route took it (an unknown
 * path, a malformed URL), under the path of a page controller, where only a browser goes. `pathPrefix` is
 * the issuer's path (AppConfig.pathPrefix).
 */
export function isPageRequest(request: FastifyRequest, pathPrefix: string): boolean {
  const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  if (config?.[PAGE_ROUTE] === true) return true;
  // A request some route took that is not a page's (the token endpoint, the admin API): decided.
  if (request.routeOptions?.url !== undefined) return false;
  const path = request.url.split('?')[0];
  for (const page of pagePaths) {
    const full = `${pathPrefix}${page}`;
    if (path === full || path.startsWith(`${full}/`)) return true;
  }
  return false;
}
