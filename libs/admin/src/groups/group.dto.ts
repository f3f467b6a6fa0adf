import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { GroupInput, GroupView } from '@app/contracts';

const REQUIRE_MFA = 'Everyone in the group, directly or through a group inside it, signs in with a second factor (acr mfa)';
const REQUIRE_PHR = 'Everyone in the group signs in with a passkey or security key (acr phr, which also satisfies mfa)';

export class CreateGroupDto implements GroupInput {
  @ApiProperty({ example: 'engineering', description: 'Unique regardless of case; letters, digits and . _ : -' })
  @IsString() @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'Everyone who ships code' })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ default: false, description: REQUIRE_MFA })
  @IsOptional() @IsBoolean()
  require_mfa?: boolean;

  @ApiPropertyOptional({ default: false, description: REQUIRE_PHR })
  @IsOptional() @IsBoolean()
  require_phishing_resistant?: boolean;
}

export class UpdateGroupDto implements GroupInput {
  @ApiPropertyOptional({ description: 'A new name is also renamed in every allowed_groups naming the group' })
  @IsOptional() @IsString() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: REQUIRE_MFA }) @IsOptional() @IsBoolean()
  require_mfa?: boolean;

  @ApiPropertyOptional({ description: REQUIRE_PHR }) @IsOptional() @IsBoolean()
  require_phishing_resistant?: boolean;
}

export class GroupViewDto implements GroupView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: REQUIRE_MFA }) require_mfa!: boolean;
  @ApiProperty({ description: REQUIRE_PHR }) require_phishing_resistant!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class GroupPageDto {
  @ApiProperty({ type: [GroupViewDto] }) items!: GroupViewDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

export class GroupMemberViewDto {
  @ApiProperty({ enum: ['user', 'group'] }) type!: 'user' | 'group';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ description: 'For people' }) username?: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
}

export class GroupMemberListDto {
  @ApiProperty({ type: [GroupMemberViewDto] }) items!: GroupMemberViewDto[];
}

export class PersonGroupViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Put in this group directly' }) direct!: boolean;
  @ApiProperty({ type: [String], description: 'Direct groups of the person, inside this one, through which membership comes' }) via!: string[];
}

export class PersonGroupListDto {
  @ApiProperty({ type: [PersonGroupViewDto] }) items!: PersonGroupViewDto[];
}
