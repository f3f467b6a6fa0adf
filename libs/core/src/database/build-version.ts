import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'meridian-auth';

/**
 * The release this code belongs to: the version in the project's package.json, found by walking up from
 * this file (its depth differs between the sources and the compiled output).
 */
export function buildVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE_NAME && manifest.version) return manifest.version;
    } catch {
      // No package.json here, or not ours: look further up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
