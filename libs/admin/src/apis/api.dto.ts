import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ApiInput } from '@app/contracts';

export class ApiScopeDto {
  @ApiProperty({ example: 'orders:read' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Read orders' })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;
}

/** RFC 8693: the clients that may exchange a person's token for one meant for this API. */
export class ApiTokenExchangeDto {
  @ApiProperty({ type: [String], description: 'Client ids; empty: no client may exchange toward this API' })
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true })
  allowed_clients!: string[];
}

/** Who may use the API, and who manages it: the same fields on creation and on change. */
class ApiAccessPolicyDto implements Pick<ApiInput, 'allowed_groups' | 'allowed_clients' | 'owners' | 'token_exchange'> {
  @ApiPropertyOptional({ type: [String], description: 'Groups whose people may get tokens for this API; empty: every person' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true })
  allowed_groups?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Clients that may use client_credentials for this API; empty: any client' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true })
  allowed_clients?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Ids of the people (role app-owner) who manage this API' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  owners?: string[];

  @ApiPropertyOptional({ type: ApiTokenExchangeDto, description: 'RFC 8693 token exchange toward this API; absent on creation: none' })
  @IsOptional() @ValidateNested() @Type(() => ApiTokenExchangeDto)
  token_exchange?: ApiTokenExchangeDto;
}

export class CreateApiDto extends ApiAccessPolicyDto implements ApiInput {
  @ApiProperty({ description: 'Absolute URI, the audience of tokens for this API', example: 'https://orders.example.com' })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  identifier!: string;

  @ApiProperty({ example: 'Orders API' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ type: [ApiScopeDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ApiScopeDto)
  scopes?: ApiScopeDto[];

  @ApiPropertyOptional({ nullable: true, minimum: 30, maximum: 86400 })
  @IsOptional() @IsInt() @Min(30) @Max(86400)
  access_token_ttl?: number | null;

  @ApiPropertyOptional({ enum: ['jwt', 'opaque'], default: 'jwt' })
  @IsOptional() @IsIn(['jwt', 'opaque'])
  access_token_format?: 'jwt' | 'opaque';
}

export class UpdateApiDto extends ApiAccessPolicyDto implements Partial<ApiInput> {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  identifier?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [ApiScopeDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ApiScopeDto)
  scopes?: ApiScopeDto[];

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(30) @Max(86400)
  access_token_ttl?: number | null;

  @ApiPropertyOptional({ enum: ['jwt', 'opaque'] }) @IsOptional() @IsIn(['jwt', 'opaque'])
  access_token_format?: 'jwt' | 'opaque';
}

export class ApiViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() identifier!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [ApiScopeDto] }) scopes!: ApiScopeDto[];
  @ApiProperty({ nullable: true, type: Number }) access_token_ttl!: number | null;
  @ApiProperty({ enum: ['jwt', 'opaque'] }) access_token_format!: string;
  @ApiProperty({ type: [String] }) allowed_groups!: string[];
  @ApiProperty({ type: [String] }) allowed_clients!: string[];
  @ApiProperty({ type: [String] }) owners!: string[];
  @ApiProperty({ type: ApiTokenExchangeDto }) token_exchange!: ApiTokenExchangeDto;
  @ApiProperty({ description: 'Introspection credentials of the API' }) client_id!: string;
  @ApiPropertyOptional({ description: 'Shown once' }) client_secret?: string;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class ApiClientViewDto {
  @ApiProperty() client_id!: string;
  @ApiProperty() client_name!: string;
  @ApiProperty({ type: [String] }) grant_types!: string[];
  @ApiProperty({ type: [String], description: "The API's scopes the application holds" }) scopes!: string[];
  @ApiProperty({ description: "It may get tokens for the API on its own behalf (client_credentials, admitted by allowed_clients)" }) client_credentials!: boolean;
}

export class ApiClientPageDto {
  @ApiProperty({ type: [ApiClientViewDto] }) items!: ApiClientViewDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Opaque cursor of the next page; null on the last' }) next_cursor!: string | null;
}
