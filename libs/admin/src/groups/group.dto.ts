import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { GroupInput, GroupView } from '@app/contracts';

export class CreateGroupDto implements GroupInput {
  @ApiProperty({ example: 'engineering', description: 'Unique regardless of case; letters, digits and . _ : -' })
  @IsString() @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({ example: 'Everyone who ships code' })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;
}

export class UpdateGroupDto implements GroupInput {
  @ApiPropertyOptional({ description: 'A new name is also renamed in every allowed_groups naming the group' })
  @IsOptional() @IsString() @MaxLength(100)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500)
  description?: string;
}

export class GroupViewDto implements GroupView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
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
