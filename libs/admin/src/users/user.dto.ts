import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import type { ConsentView, CreateUserInput, PersonAppAccessView, SessionAppView, SessionView, SetPasswordInput, UpdateUserInput, UserView } from '@app/contracts';

export class CreateUserDto implements CreateUserInput {
  @ApiProperty({ example: 'ada', description: 'Unique regardless of case' })
  @IsString() @MinLength(1) @MaxLength(100)
  username!: string;

  @ApiProperty({ minLength: 8, maxLength: 256, description: 'Stored as an argon2id hash; never returned' })
  @IsString() @MinLength(8) @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({ example: 'ada@example.com' })
  @IsOptional() @IsEmail() @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptional() @IsString() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  given_name?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100)
  family_name?: string;

  @ApiPropertyOptional({ type: [String], example: ['admin'] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  roles?: string[];

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean()
  email_verified?: boolean;

  @ApiPropertyOptional({ type: [String], example: ['engineering'], description: 'Names of groups to put the person in' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(100, { each: true })
  groups?: string[];
}

export class UpdateUserDto implements UpdateUserInput {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100)
  username?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @ValidateIf((_dto, value) => value !== null) @IsEmail() @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @ValidateIf((_dto, value) => value !== null) @IsString() @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @ValidateIf((_dto, value) => value !== null) @IsString() @MaxLength(100)
  given_name?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional() @ValidateIf((_dto, value) => value !== null) @IsString() @MaxLength(100)
  family_name?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true })
  roles?: string[];

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  email_verified?: boolean;

  @ApiPropertyOptional({ description: 'A disabled person cannot sign in; their sessions end at once' })
  @IsOptional() @IsBoolean()
  disabled?: boolean;
}

export class SetPasswordDto implements SetPasswordInput {
  @ApiProperty({ minLength: 8, maxLength: 256 })
  @IsString() @MinLength(8) @MaxLength(256)
  password!: string;
}

export class UserViewDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty() email_verified!: boolean;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) given_name!: string | null;
  @ApiProperty({ nullable: true, type: String }) family_name!: string | null;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Until when sign-in is refused after too many failed attempts; null when not locked' })
  locked_until!: string | null;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserViewDto] }) items!: UserViewDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

export class ConsentViewDto implements ConsentView {
  @ApiProperty() client_id!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;
}

export class ConsentListDto {
  @ApiProperty({ type: [ConsentViewDto] }) items!: ConsentViewDto[];
}

export class SessionAppViewDto implements SessionAppView {
  @ApiProperty() client_id!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null when the app has been deleted since' }) client_name!: string | null;
  @ApiProperty({ description: 'The session\'s first sign-in to the app' }) first_at!: string;
}

export class SessionViewDto implements SessionView {
  @ApiProperty({ format: 'uuid', description: 'The OIDC sid' }) id!: string;
  @ApiProperty() started_at!: string;
  @ApiProperty({ description: 'Last use, to within five minutes' }) last_seen_at!: string;
  @ApiProperty() expires_at!: string;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) user_agent!: string | null;
  @ApiProperty({ enum: ['pwd', 'mfa', 'phr'] }) acr!: string;
  @ApiProperty({ type: [String], description: 'RFC 8176 methods' }) amr!: string[];
  @ApiProperty({ type: [SessionAppViewDto] }) apps!: SessionAppViewDto[];
}

export class SessionListDto {
  @ApiProperty({ type: [SessionViewDto] }) items!: SessionViewDto[];
}

export class PersonAppAccessViewDto implements PersonAppAccessView {
  @ApiProperty() client_id!: string;
  @ApiProperty() client_name!: string;
  @ApiProperty({ description: 'The app admits everyone' }) everyone!: boolean;
  @ApiProperty({ type: [String], description: 'Otherwise, the allowed groups the person is in' }) via!: string[];
}

export class PersonAccessListDto {
  @ApiProperty({ type: [PersonAppAccessViewDto] }) items!: PersonAppAccessViewDto[];
}
