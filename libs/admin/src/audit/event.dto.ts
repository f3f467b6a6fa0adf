import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEventView } from '@app/contracts';

export class AuditEventViewDto implements AuditEventView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurred_at!: string;
  @ApiProperty({ enum: ['client', 'person', 'anonymous'] }) actor_type!: 'client' | 'person' | 'anonymous';
  @ApiProperty({ nullable: true, type: String, description: 'client_id of a client, id of a person' }) actor_id!: string | null;
  @ApiProperty({ example: 'client.created' }) action!: string;
  @ApiProperty({ nullable: true, type: String, example: 'client' }) target_type!: string | null;
  @ApiProperty({ nullable: true, type: String }) target_id!: string | null;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) user_agent!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Context; never secrets, passwords or tokens' })
  details!: Record<string, unknown>;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventViewDto] }) items!: AuditEventViewDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

/** Query of `GET /admin/v1/events`, documented; read by readEventQuery. */
export class AuditEventQueryDto {
  @ApiPropertyOptional({ description: 'Exact action, or a family ending in `.*`', example: 'client.*' }) action?: string;
  @ApiPropertyOptional({ description: 'client_id or user id of who acted' }) actor_id?: string;
  @ApiPropertyOptional({ description: 'id of what was acted on' }) target_id?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after' }) since?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Events before' }) until?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) limit?: number;
  @ApiPropertyOptional() cursor?: string;
}
