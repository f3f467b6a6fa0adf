import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppConfig, NotFound } from '@app/core';
import { MAX_RESULTS } from '../list/list-query';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, LIST_RESPONSE_SCHEMA, SCHEMAS, USER_SCHEMA } from '../schema/scim-schemas';
import { ScimAuthGuard } from './scim-auth.guard';
import { SCIM_CONTENT_TYPE } from './scim-error';

type Resource = Record<string, unknown>;

const RESOURCE_TYPES = [
  { id: 'User', endpoint: '/Users', description: 'User Account', schema: USER_SCHEMA, schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }] },
  { id: 'Group', endpoint: '/Groups', description: 'Group', schema: GROUP_SCHEMA, schemaExtensions: [] },
];

/** RFC 7644 §4: what this service provider supports, its schemas (RFC 7643 §7) and resource types (§6). */
@Controller('scim/v2')
@UseGuards(ScimAuthGuard)
export class ScimDiscoveryController {
  constructor(private readonly config: AppConfig) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Res({ passthrough: true }) reply: FastifyReply): Resource {
    void reply.type(SCIM_CONTENT_TYPE);
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      documentationUri: 'https://www.rfc-editor.org/rfc/rfc7644',
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: MAX_RESULTS },
      changePassword: { supported: true },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [{
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: `An access token from ${this.config.endpoint('/oauth2/token')} (client_credentials) with scope scim`,
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      }],
      meta: { resourceType: 'ServiceProviderConfig', location: this.location('/ServiceProviderConfig') },
    };
  }

  @Get('Schemas')
  schemas(@Res({ passthrough: true }) reply: FastifyReply): Resource {
    return listOf(reply, SCHEMAS.map((schema) => this.schema(schema.id)));
  }

  @Get('Schemas/:id')
  schemaById(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Resource {
    void reply.type(SCIM_CONTENT_TYPE);
    return this.schema(id);
  }

  @Get('ResourceTypes')
  resourceTypes(@Res({ passthrough: true }) reply: FastifyReply): Resource {
    return listOf(reply, RESOURCE_TYPES.map((type) => this.resourceType(type.id)));
  }

  @Get('ResourceTypes/:name')
  resourceTypeByName(@Param('name') name: string, @Res({ passthrough: true }) reply: FastifyReply): Resource {
    void reply.type(SCIM_CONTENT_TYPE);
    return this.resourceType(name);
  }

  private schema(id: string): Resource {
    const schema = SCHEMAS.find((candidate) => candidate.id === id);
    if (!schema) throw new NotFound(`No schema ${id.slice(0, 100)}`);
    return { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], ...schema, meta: { resourceType: 'Schema', location: this.location(`/Schemas/${schema.id}`) } };
  }

  private resourceType(name: string): Resource {
    const type = RESOURCE_TYPES.find((candidate) => candidate.id === name);
    if (!type) throw new NotFound(`No resource type ${name.slice(0, 100)}`);
    return {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      ...type,
      name: type.id,
      meta: { resourceType: 'ResourceType', location: this.location(`/ResourceTypes/${type.id}`) },
    };
  }

  private location(path: string): string {
    return this.config.endpoint(`/scim/v2${path}`);
  }
}

function listOf(reply: FastifyReply, resources: Resource[]): Resource {
  void reply.type(SCIM_CONTENT_TYPE);
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources };
}
