import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The organization's look on the person-facing pages: one row (id 1), or none for the built-in look. */
@Entity('branding')
export class BrandingEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ name: 'organization_name', type: 'varchar', length: 100 })
  organizationName!: string;

  @Column({ name: 'logo_uri', type: 'text', nullable: true })
  logoUri!: string | null;

  @Column({ name: 'primary_color', type: 'char', length: 7, nullable: true })
  primaryColor!: string | null;

  @Column({ name: 'custom_css', type: 'text', nullable: true })
  customCss!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}
