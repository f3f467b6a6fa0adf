import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TOKEN_ENDPOINT_AUTH_METHODS } from '@app/contracts';
import type { ClientMetadataInput, JwkSet } from '@app/contracts';
import { CLIENT_ASSERTION_ALGORITHMS } from '@app/clients';
import { ACR_VALUES, SIGNING_ALGORITHMS, SigningAlgorithm } from '@app/core';

const AUTH_METHODS = TOKEN_ENDPOINT_AUTH_METHODS;

/** RFC 7591 §2 client metadata accepted by the admin API. Semantic rules live in the clients lib. */
export class ClientMetadataDto implements ClientMetadataInput {
  @ApiPropertyOptional({ example: 'Orders dashboard' })
  @IsOptional() @IsString() @MaxLength(200)
  client_name?: string;

  @ApiPropertyOptional({ enum: ['web', 'native'], default: 'web' })
  @IsOptional() @IsIn(['web', 'native'])
  application_type?: 'web' | 'native';

  @ApiPropertyOptional({ type: [String], example: ['https://app.example.com/callback'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true })
  redirect_uris?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true })
  post_logout_redirect_uris?: string[];

  @ApiPropertyOptional({ type: [String], default: ['authorization_code'], description: 'Any of grant_types_supported in the server metadata' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true })
  grant_types?: string[];

  @ApiPropertyOptional({ type: [String], default: ['code'] })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true })
  response_types?: string[];

  @ApiPropertyOptional({ enum: AUTH_METHODS, default: 'client_secret_basic' })
  @IsOptional() @IsIn(AUTH_METHODS)
  token_endpoint_auth_method?: (typeof AUTH_METHODS)[number];

  @ApiPropertyOptional({ description: 'Space-separated scopes the client may request', example: 'openid profile orders:read' })
  @IsOptional() @IsString() @MaxLength(2000)
  scope?: string;

  @ApiPropertyOptional({ type: [String], description: 'E-mail addresses of the people responsible (RFC 7591 §2)', maxItems: 20, example: ['ops@example.com'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(320, { each: true }) @IsEmail({}, { each: true })
  contacts?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  logo_uri?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  client_uri?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  policy_uri?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  tos_uri?: string;

  @ApiPropertyOptional({ description: 'First-party clients skip the consent page', default: false })
  @IsOptional() @IsBoolean()
  first_party?: boolean;

  @ApiPropertyOptional({ description: 'Require PKCE (always true for public clients)', default: true })
  @IsOptional() @IsBoolean()
  require_pkce?: boolean;

  @ApiPropertyOptional({ description: 'Accept the plain PKCE method', default: false })
  @IsOptional() @IsBoolean()
  allow_plain_pkce?: boolean;

  @ApiPropertyOptional({ enum: SIGNING_ALGORITHMS, default: 'RS256', description: 'Algorithm of the ID tokens: RS256 or SIGNING_ALG' })
  @IsOptional() @IsIn(SIGNING_ALGORITHMS)
  id_token_signed_response_alg?: SigningAlgorithm;

  @ApiPropertyOptional({ description: 'Access token lifetime in seconds', nullable: true, minimum: 30, maximum: 86400 })
  @IsOptional() @IsInt() @Min(30) @Max(86400)
  access_token_ttl?: number | null;

  @ApiPropertyOptional({ description: 'Refresh token lifetime in seconds', nullable: true, minimum: 60 })
  @IsOptional() @IsInt() @Min(60) @Max(365 * 86400)
  refresh_token_ttl?: number | null;

  @ApiPropertyOptional({ type: [String], example: ['engineering'], description: 'Groups whose people may sign in; empty or absent: everyone' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true })
  allowed_groups?: string[];

  @ApiPropertyOptional({ type: [String], example: ['team.'], description: 'The groups claim carries only groups starting with one of these' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  groups_claim_filter?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Ids of the people (role app-owner) who manage this client' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true })
  owners?: string[];

  @ApiPropertyOptional({
    type: [String],
    enum: ACR_VALUES,
    example: ['mfa'],
    description: 'OIDC Registration §2: the sign-in strength required when a request names no acr_values (pwd, mfa, phr); empty or absent: a password is enough',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(100, { each: true })
  default_acr_values?: string[];

  @ApiPropertyOptional({ nullable: true, example: 'https://app.example.com/backchannel-logout', description: 'OIDC Back-Channel Logout 1.0 §2.2: https (http for loopback hosts), no fragment; null: none' })
  @IsOptional() @IsString() @MaxLength(2000)
  backchannel_logout_uri?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Back-Channel Logout §2.2: logout tokens must carry sid (they always do)' })
  @IsOptional() @IsBoolean()
  backchannel_logout_session_required?: boolean;

  @ApiPropertyOptional({ nullable: true, example: 'https://app.example.com/frontchannel-logout', description: 'OIDC Front-Channel Logout 1.0 §2: loaded in an iframe of the signed-out page; null: none' })
  @IsOptional() @IsString() @MaxLength(2000)
  frontchannel_logout_uri?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Front-Channel Logout §2: iss and sid are added to the iframe URL' })
  @IsOptional() @IsBoolean()
  frontchannel_logout_session_required?: boolean;

  @ApiPropertyOptional({ default: false, description: 'RFC 9449 §5.2: every token request must carry a DPoP proof' })
  @IsOptional() @IsBoolean()
  dpop_bound_access_tokens?: boolean;
  @ApiPropertyOptional({ enum: SIGNING_ALGORITHMS, default: 'RS256', description: 'RFC 9701 §6: algorithm of JWT introspection answers to this client: RS256 or SIGNING_ALG' })
  @IsOptional() @IsIn(SIGNING_ALGORITHMS)
  introspection_signed_response_alg?: SigningAlgorithm;

  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RFC 7591 §2: public JWK Set for private_key_jwt (not with jwks_uri); private members are refused' })
  @IsOptional() @IsObject()
  jwks?: JwkSet | null;

  @ApiPropertyOptional({ nullable: true, example: 'https://app.example.com/jwks.json', description: 'RFC 7591 §2: https URL of the JWK Set for private_key_jwt (not with jwks); must resolve to a public address' })
  @IsOptional() @IsString() @MaxLength(2000)
  jwks_uri?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: CLIENT_ASSERTION_ALGORITHMS, description: 'OIDC Registration §2: the only alg client assertions may use; null: any of the method' })
  @IsOptional() @IsIn(CLIENT_ASSERTION_ALGORITHMS)
  token_endpoint_auth_signing_alg?: string | null;
  @ApiPropertyOptional({ default: false, description: 'RFC 9126 §6: authorization requests must first be pushed to the PAR endpoint' })
  @IsOptional() @IsBoolean()
  require_pushed_authorization_requests?: boolean;
}

export class ClientViewDto {
  @ApiProperty() client_id!: string;
  @ApiPropertyOptional({ description: 'Shown once, when created or rotated' }) client_secret?: string;
  @ApiProperty() client_id_issued_at!: number;
  @ApiPropertyOptional() client_secret_expires_at?: number;
  @ApiProperty() client_name!: string;
  @ApiProperty({ enum: ['web', 'native'] }) application_type!: string;
  @ApiProperty({ type: [String] }) redirect_uris!: string[];
  @ApiProperty({ type: [String] }) post_logout_redirect_uris!: string[];
  @ApiProperty({ type: [String] }) grant_types!: string[];
  @ApiProperty({ type: [String] }) response_types!: string[];
  @ApiProperty({ enum: AUTH_METHODS }) token_endpoint_auth_method!: string;
  @ApiProperty() scope!: string;
  @ApiProperty({ type: [String] }) contacts!: string[];
  @ApiProperty() first_party!: boolean;
  @ApiProperty() require_pkce!: boolean;
  @ApiProperty() allow_plain_pkce!: boolean;
  @ApiProperty({ enum: SIGNING_ALGORITHMS }) id_token_signed_response_alg!: string;
  @ApiProperty({ nullable: true, type: Number }) access_token_ttl!: number | null;
  @ApiProperty({ nullable: true, type: Number }) refresh_token_ttl!: number | null;
  @ApiProperty({ type: [String] }) allowed_groups!: string[];
  @ApiProperty({ type: [String] }) groups_claim_filter!: string[];
  @ApiProperty({ type: [String] }) owners!: string[];
  @ApiProperty({ type: [String], enum: ACR_VALUES }) default_acr_values!: string[];
  @ApiPropertyOptional() backchannel_logout_uri?: string;
  @ApiProperty() backchannel_logout_session_required!: boolean;
  @ApiPropertyOptional() frontchannel_logout_uri?: string;
  @ApiProperty() frontchannel_logout_session_required!: boolean;
  @ApiProperty() dpop_bound_access_tokens!: boolean;
  @ApiProperty({ enum: SIGNING_ALGORITHMS }) introspection_signed_response_alg!: string;
  @ApiPropertyOptional({ type: Object }) jwks?: JwkSet;
  @ApiPropertyOptional() jwks_uri?: string;
  @ApiPropertyOptional({ enum: CLIENT_ASSERTION_ALGORITHMS }) token_endpoint_auth_signing_alg?: string;
  @ApiProperty() require_pushed_authorization_requests!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class ClientPageDto {
  @ApiProperty({ type: [ClientViewDto] }) items!: ClientViewDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}
