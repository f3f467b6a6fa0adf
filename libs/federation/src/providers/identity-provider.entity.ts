import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LdapProviderConfig, OidcProviderConfig } from './provider-config';

export type IdentityProviderType = 'oidc' | 'ldap';

/** An upstream that signs people in for us: an OpenID Provider, or an LDAP directory. */
@Entity('identity_providers')
export class IdentityProviderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  type!: IdentityProviderType;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  config!: OidcProviderConfig | LdapProviderConfig;

  /** The client secret or bind password, sealed; never selected unless asked for. */
  @Column({ type: 'text', nullable: true, select: false })
  secret!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  get oidc(): OidcProviderConfig {
    if (this.type !== 'oidc') throw new Error(`${this.name} is not an OIDC provider`);
    return this.config as OidcProviderConfig;
  }

  get ldap(): LdapProviderConfig {
    if (this.type !== 'ldap') throw new Error(`${this.name} is not an LDAP provider`);
    return this.config as LdapProviderConfig;
  }

  /** The key group memberships this provider manages carry (group_members.source). */
  get membershipSource(): string {
    return `idp:${this.id}`;
  }
}
