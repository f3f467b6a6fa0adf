import { Injectable } from '@nestjs/common';
import { resolve } from 'node:path';
import { AppConfig } from '../config/app-config';
import { freeBytes, MIN_FREE_BYTES } from './data-dir-space';

/**
 * Whether the embedded database's volume still has room. A full disk leaves reads working (`SELECT 1`
 * answers) while every write that needs a new page fails, so readiness looks at the free space itself.
 * PostgreSQL's own disk is out of sight: there, disk-full errors only turn requests into 503s.
 */
@Injectable()
export class StorageHealth {
  private readonly dataDir: string | undefined;

  constructor(config: AppConfig) {
    this.dataDir = config.databaseUrl || config.dataDir === ':memory:' ? undefined : resolve(config.dataDir);
  }

  async hasRoom(): Promise<boolean> {
    if (!this.dataDir) return true;
    try {
      return (await freeBytes(this.dataDir)) >= MIN_FREE_BYTES;
    } catch {
      return false;
    }
  }
}
