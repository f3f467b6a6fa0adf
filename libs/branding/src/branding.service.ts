import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeFeed } from '@app/core';
import { Branding, CurrentBranding } from './branding';
import { BrandingEntity } from './branding.entity';
import { brandingDigest } from './brand-stylesheet';

/** The change feed channel a branding change is announced on. */
export const BRANDING_CHANGED = 'branding_changed';

/**
 * How long an instance may show the branding it read before reading it again. Changes reach every
 * instance at once through the change feed; this bounds the staleness when a notification is missed
 * (the feed's connection is down, or another instance's NOTIFY failed).
 */
export const BRANDING_STALENESS_MS = 30_000;

const ROW_ID = 1;

/**
 * The organization's branding, read on every page and so kept in memory: dropped when any instance
 * changes it, and read again at most BRANDING_STALENESS_MS after it was loaded.
 */
@Injectable()
export class BrandingService {
  private cached: { value: CurrentBranding; loadedAt: number } | undefined;
  private loading: { promise: Promise<CurrentBranding>; generation: number } | undefined;
  /** Bumped on each invalidation, so a read that started before one is not kept. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: ChangeFeed,
  ) {
    feed.subscribe(BRANDING_CHANGED, () => this.invalidate());
    feed.onReset(() => this.invalidate());
  }

  async get(): Promise<CurrentBranding> {
    if (this.cached && Date.now() - this.cached.loadedAt < BRANDING_STALENESS_MS) return this.cached.value;
    // A read begun before the last change may have seen the old row: it is not shared.
    if (this.loading?.generation !== this.generation) {
      const loading = { promise: this.load(), generation: this.generation };
      this.loading = loading;
      void loading.promise.finally(() => {
        if (this.loading === loading) this.loading = undefined;
      }).catch(() => undefined);
    }
    return this.loading.promise;
  }

  /** Sets the branding (all fields at once) and announces it; answers what is now stored. */
  async put(branding: Branding): Promise<BrandingEntity> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query(
        `INSERT INTO branding (id, organization_name, logo_uri, primary_color, custom_css, updated_at)
         VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (id) DO UPDATE SET organization_name = EXCLUDED.organization_name, logo_uri = EXCLUDED.logo_uri,
           primary_color = EXCLUDED.primary_color, custom_css = EXCLUDED.custom_css, updated_at = now()
         RETURNING updated_at`,
        [ROW_ID, branding.organizationName, branding.logoUri, branding.primaryColor, branding.customCss],
      ) as Array<{ updated_at: Date }>;
      return Object.assign(new BrandingEntity(), { id: ROW_ID, ...branding, updatedAt: new Date(rows[0].updated_at) });
    });
    await this.changed();
    return saved;
  }

  /** Back to the built-in look; answers the branding that was removed, if there was one. */
  async reset(): Promise<BrandingEntity | null> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(BrandingEntity).findOneBy({ id: ROW_ID });
      await manager.query('DELETE FROM branding WHERE id = $1', [ROW_ID]);
      return before;
    });
    await this.changed();
    return removed;
  }

  /** The stored row, read from the database (for the admin API, which must not show a stale value). */
  stored(): Promise<BrandingEntity | null> {
    return this.dataSource.getRepository(BrandingEntity).findOneBy({ id: ROW_ID });
  }

  private async changed(): Promise<void> {
    // Drops this instance's copy synchronously; a failed NOTIFY leaves the others to the staleness bound.
    await this.feed.publish(BRANDING_CHANGED, '').catch(() => this.invalidate());
  }

  private invalidate(): void {
    this.generation += 1;
    this.cached = undefined;
  }

  private async load(): Promise<CurrentBranding> {
    const generation = this.generation;
    const row = await this.stored();
    const branding = row
      ? { organizationName: row.organizationName, logoUri: row.logoUri, primaryColor: row.primaryColor, customCss: row.customCss, updatedAt: row.updatedAt }
      : null;
    const value = { branding, digest: brandingDigest(branding) };
    if (generation === this.generation) this.cached = { value, loadedAt: Date.now() };
    return value;
  }
}
