import type { DataSource } from 'typeorm';
import type { ChangeFeed } from '@app/core';
import { BRANDING_CHANGED, BRANDING_STALENESS_MS, BrandingService } from './branding.service';
import type { BrandingEntity } from './branding.entity';

/** A change feed delivering in this process only, as on the embedded database. */
class FakeFeed {
  readonly handlers = new Map<string, Array<(payload: string) => void>>();
  readonly resets: Array<() => void> = [];
  subscribe(channel: string, handler: (payload: string) => void): void {
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }
  onReset(handler: () => void): void {
    this.resets.push(handler);
  }
  async publish(channel: string, payload: string): Promise<void> {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload);
  }
}

/** The one row, held in memory; counts the reads. */
class FakeTable {
  row: BrandingEntity | null = null;
  reads = 0;
  dataSource(): DataSource {
    return {
      getRepository: () => ({ findOneBy: async () => { this.reads += 1; return this.row; } }),
    } as unknown as DataSource;
  }
}

const row = (organizationName: string): BrandingEntity =>
  ({ id: 1, organizationName, logoUri: null, primaryColor: '#0b5fff', customCss: null, updatedAt: new Date() }) as BrandingEntity;

describe(BrandingService.name, () => {
  let table: FakeTable;
  let feed: FakeFeed;
  let sut: BrandingService;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z') });
    table = new FakeTable();
    feed = new FakeFeed();
    sut = new BrandingService(table.dataSource(), feed as unknown as ChangeFeed);
  });

  afterEach(() => jest.useRealTimers());

  it('answers the built-in look while no row exists, and reads the database once for many pages', async () => {
    const first = await sut.get();
    await sut.get();
    await Promise.all([sut.get(), sut.get()]);
    expect(first.branding).toBeNull();
    expect(table.reads).toBe(1);
  });

  it('reads again once a change is announced on the feed', async () => {
    await sut.get();
    table.row = row('Acme');
    await feed.publish(BRANDING_CHANGED, '');
    expect((await sut.get()).branding?.organizationName).toBe('Acme');
    expect(table.reads).toBe(2);
  });

  it('reads again after the staleness bound when a change was missed, not before', async () => {
    const before = await sut.get();
    table.row = row('Acme');
    jest.setSystemTime(Date.now() + BRANDING_STALENESS_MS - 1);
    expect((await sut.get()).branding).toBeNull();
    jest.setSystemTime(Date.now() + 1);
    const after = await sut.get();
    expect(after.branding?.organizationName).toBe('Acme');
    expect(after.digest).not.toBe(before.digest);
  });

  it('forgets the branding when the feed loses its connection', async () => {
    await sut.get();
    table.row = row('Acme');
    feed.resets.forEach((reset) => reset());
    expect((await sut.get()).branding?.organizationName).toBe('Acme');
  });

  it('does not keep a read that began before a change', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const dataSource = { getRepository: () => ({ findOneBy: async () => { const seen = table.row; await gate; return seen; } }) } as unknown as DataSource;
    sut = new BrandingService(dataSource, feed as unknown as ChangeFeed);
    const early = sut.get();
    table.row = row('Acme');
    await feed.publish(BRANDING_CHANGED, '');
    release();
    expect((await early).branding).toBeNull();
    expect((await sut.get()).branding?.organizationName).toBe('Acme');
  });
});
