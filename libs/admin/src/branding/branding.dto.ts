import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { MAX_CUSTOM_CSS_BYTES, MAX_ORGANIZATION_NAME_LENGTH, PRIMARY_COLOR } from '@app/branding';
import type { BrandingInput, BrandingView } from '@app/contracts';

/** The limit is on the bytes sent (UTF-8), not on the characters. */
function MaxUtf8Bytes(limit: number): PropertyDecorator {
  return ValidateBy({
    name: 'maxUtf8Bytes',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= limit,
      defaultMessage: () => `must be at most ${limit} bytes`,
    },
  });
}

const notNull = (_object: object, value: unknown) => value !== null && value !== undefined;

export class BrandingDto implements BrandingInput {
  @ApiProperty({ example: 'Acme Corp', minLength: 1, maxLength: MAX_ORGANIZATION_NAME_LENGTH })
  @IsString() @Length(1, MAX_ORGANIZATION_NAME_LENGTH)
  organization_name!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://cdn.acme.example/logo.svg', description: 'https only; its origin is allowed in the pages\' img-src' })
  @IsOptional() @ValidateIf(notNull)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false }, { message: 'must be an https URL' })
  logo_uri?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: '#0b5fff', pattern: PRIMARY_COLOR.source })
  @IsOptional() @ValidateIf(notNull)
  @IsString() @Matches(PRIMARY_COLOR, { message: 'must be a colour #rrggbb' })
  primary_color?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'A stylesheet of at most 48 KiB, loaded after the built-in one' })
  @IsOptional() @ValidateIf(notNull)
  @IsString() @MaxUtf8Bytes(MAX_CUSTOM_CSS_BYTES)
  custom_css?: string | null;
}

export class BrandingViewDto implements BrandingView {
  @ApiProperty({ nullable: true, type: String }) organization_name!: string | null;
  @ApiProperty({ nullable: true, type: String }) logo_uri!: string | null;
  @ApiProperty({ nullable: true, type: String }) primary_color!: string | null;
  @ApiProperty({ nullable: true, type: String }) custom_css!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updated_at!: string | null;
}
