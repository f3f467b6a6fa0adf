import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DeviceAuthorizationStatus = 'pending' | 'approved' | 'denied';

/** An RFC 8628 device authorization: the codes (hashed), what was asked, and the person's decision. */
@Entity('device_authorizations')
export class DeviceAuthorizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'device_code_hash', type: 'text', select: false })
  deviceCodeHash!: string;

  @Column({ name: 'user_code_hash', type: 'text', select: false })
  userCodeHash!: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ type: 'text' })
  status!: DeviceAuthorizationStatus;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ name: 'session_id', type: 'uuid', nullable: true })
  sessionId!: string | null;

  @Column({ name: 'auth_time', type: 'timestamptz', nullable: true })
  authTime!: Date | null;

  @Column({ type: 'text', nullable: true })
  acr!: string | null;

  @Column({ type: 'text', array: true, nullable: true })
  amr!: string[] | null;

  @Column({ name: 'interval_seconds', type: 'integer' })
  intervalSeconds!: number;

  @Column({ name: 'last_polled_at', type: 'timestamptz', nullable: true })
  lastPolledAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;
}
