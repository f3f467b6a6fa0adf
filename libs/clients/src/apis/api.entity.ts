import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type AccessTokenFormat = 'jwt' | 'opaque';

export interface ApiScope {
  name: string;
  description: string;
}

/** A resource server (RFC 8707): its identifier is the audience of the tokens issued for it. */
@Entity('apis')
export class ApiEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** An absolute URI, used as `resource` in requests and as `aud` in tokens. */
  @Column({ type: 'text', unique: true })
  identifier!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  scopes!: ApiScope[];

  @Column({ name: 'access_token_ttl', type: 'integer', nullable: true })
  accessTokenTtl!: number | null;

  @Column({ name: 'access_token_format', type: 'text', default: 'jwt' })
  accessTokenFormat!: AccessTokenFormat;

  /** Names of the groups whose people may get tokens for this API; empty: every person. */
  @Column({ name: 'allowed_groups', type: 'text', array: true, default: () => "'{}'" })
  allowedGroups!: string[];

  /** Clients that may get client_credentials tokens for this API; empty: any client. */
  @Column({ name: 'allowed_clients', type: 'text', array: true, default: () => "'{}'" })
  allowedClients!: string[];

  /** RFC 8693: clients that may exchange a person's token for one meant for this API; empty: none. */
  @Column({ name: 'token_exchange_allowed_clients', type: 'text', array: true, default: () => "'{}'" })
  tokenExchangeAllowedClients!: string[];

  /** Ids of the people who manage this API (admin role app-owner). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  owners!: string[];

  /** The API's own credentials, for introspection. */
  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;

  scopeNames(): string[] {
    return this.scopes.map((scope) => scope.name);
  }
}
