import { ApiProperty } from '@nestjs/swagger';
import type { PersonFactorsView, PersonFactorView } from '@app/contracts';

export class PersonFactorViewDto implements PersonFactorView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['passkey', 'totp'], description: 'A passkey or security key (WebAuthn), or an authenticator app (TOTP)' }) type!: 'passkey' | 'totp';
  @ApiProperty() label!: string;
  @ApiProperty() created_at!: string;
  @ApiProperty({ nullable: true, type: String }) last_used_at!: string | null;
}

export class PersonFactorsViewDto implements PersonFactorsView {
  @ApiProperty({ type: [PersonFactorViewDto] }) items!: PersonFactorViewDto[];
  @ApiProperty({ description: 'Unused recovery codes the person holds' }) recovery_codes_remaining!: number;
}
