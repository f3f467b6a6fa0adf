import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, Res, Type, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ListQuery, readListQuery, readProjection } from '../list/list-query';
import { project } from '../list/projection';
import type { AttributeScope } from '../schema/attribute-path';
import { ScimAuthGuard, ScimRequest } from './scim-auth.guard';
import { answer } from './scim-reply';

type Resource = Record<string, unknown>;

/** What a resource type's service does; the controller only reads the request and writes the answer. */
export interface ScimResourceService {
  readonly scope: AttributeScope;
  get(id: string): Promise<Resource>;
  list(query: ListQuery): Promise<Resource>;
  create(request: ScimRequest, body: unknown): Promise<Resource>;
  replace(request: ScimRequest, id: string, body: unknown, ifMatch: string | undefined): Promise<Resource>;
  patch(request: ScimRequest, id: string, body: unknown, ifMatch: string | undefined): Promise<Resource>;
  delete(request: ScimRequest, id: string, ifMatch: string | undefined): Promise<void>;
}

/** RFC 7644 §3 for one resource type at `/scim/v2/{endpoint}`: the same routes for Users and Groups. */
export function scimResourceController(endpoint: 'Users' | 'Groups', service: Type<ScimResourceService>) {
  @Controller(`scim/v2/${endpoint}`)
  @UseGuards(ScimAuthGuard)
  class ScimResourceController {
    constructor(@Inject(service) readonly resources: ScimResourceService) {}

    @Get()
    async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<Resource> {
      return answer(reply, await this.resources.list(readListQuery(query)));
    }

    @Get(':id')
    async get(@Param('id') id: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply): Promise<Resource> {
      const { attributes, excludedAttributes } = readProjection(query);
      return project(answer(reply, await this.resources.get(id)), this.resources.scope, attributes, excludedAttributes);
    }

    @Post()
    async create(@Req() request: ScimRequest, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<Resource> {
      return answer(reply, await this.resources.create(request, body), true);
    }

    @Put(':id')
    async replace(@Req() request: ScimRequest, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Resource> {
      return answer(reply, await this.resources.replace(request, id, body, ifMatch));
    }

    @Patch(':id')
    async patch(@Req() request: ScimRequest, @Param('id') id: string, @Body() body: unknown, @Headers('if-match') ifMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<Resource> {
      return answer(reply, await this.resources.patch(request, id, body, ifMatch));
    }

    @Delete(':id')
    @HttpCode(204)
    async delete(@Req() request: ScimRequest, @Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
      await this.resources.delete(request, id, ifMatch);
    }
  }
  return ScimResourceController;
}
