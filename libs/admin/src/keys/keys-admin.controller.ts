import { Body, Controller, Get, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SIGNING_ALGORITHMS, SigningAlgorithm } from '@app/core';
import type { SigningKeyView } from '@app/contracts';
import { KeyStore, SigningKeyEntity } from '@app/tokens';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { adminValidationPipe } from '../validation/admin-validation.pipe';

class RotateKeyDto {
  @ApiPropertyOptional({ enum: SIGNING_ALGORITHMS, description: 'Algorithm of the new key; default SIGNING_ALG' })
  @IsOptional() @IsIn(SIGNING_ALGORITHMS)
  alg?: SigningAlgorithm;
}

class SigningKeyViewDto implements SigningKeyView {
  @ApiProperty() kid!: string;
  @ApiProperty() alg!: string;
  @ApiProperty({ enum: ['next', 'active', 'retired'] }) status!: 'next' | 'active' | 'retired';
  @ApiProperty({ enum: ['tokens', 'id_token'] }) purpose!: 'tokens' | 'id_token';
  @ApiProperty() created_at!: string;
  @ApiProperty({ nullable: true, type: String }) retired_at!: string | null;
  @ApiProperty({ nullable: true, type: String }) expires_at!: string | null;
}

function toView(key: SigningKeyEntity): SigningKeyView {
  return {
    kid: key.kid,
    alg: key.alg,
    status: key.status,
    purpose: key.purpose,
    created_at: key.createdAt.toISOString(),
    retired_at: key.retiredAt?.toISOString() ?? null,
    expires_at: key.expiresAt?.toISOString() ?? null,
  };
}

@ApiTags('keys')
@ApiBearerAuth()
@Controller('admin/v1/keys')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class KeysAdminController {
  constructor(private readonly keys: KeyStore) {}

  @Get()
  @ApiOkResponse({ type: [SigningKeyViewDto] })
  async list(): Promise<{ items: SigningKeyView[] }> {
    return { items: (await this.keys.list()).map(toView) };
  }

  /** A new key signs from now on; the previous one stays in the JWKS until its tokens expire. */
  @Post('rotate')
  @Audited({ action: 'key.rotated', targetType: 'signing_key', targetField: 'kid' })
  @HttpCode(200)
  @ApiOkResponse({ type: SigningKeyViewDto })
  async rotate(@Body(adminValidationPipe()) body: RotateKeyDto): Promise<SigningKeyView> {
    return toView(await this.keys.rotate(body.alg));
  }
}
