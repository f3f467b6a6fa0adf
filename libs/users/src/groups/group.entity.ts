import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A named set of people (and of other groups): the unit of per-app access and of the `groups` claim. */
@Entity('groups')
export class GroupEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Unique regardless of case; a scope-token-like name such as `engineering` or `team.payments`. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** Everyone in the group, directly or through a group inside it, signs in with a second factor. */
  @Column({ name: 'require_mfa', type: 'boolean', default: false })
  requireMfa!: boolean;

  /** Everyone in the group signs in with a passkey or security key (`phr`), which also satisfies `mfa`. */
  @Column({ name: 'require_phishing_resistant', type: 'boolean', default: false })
  requirePhishingResistant!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
