import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const MANIFESTS_DIR = join(__dirname, '..', '..', 'deploy', 'kubernetes');
const APP_CONFIG_DIR = join(__dirname, '..', '..', 'libs', 'core', 'src', 'config');

/** One YAML document of a manifest file, with the file it came from for the failure messages. */
export interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // The manifests are plain data; each test reads the fields it pins.
  [field: string]: unknown;
}

/** Every YAML file of the folder except the kustomization, split into its documents. */
export function loadManifests(): Manifest[] {
  return manifestFiles().flatMap((file) =>
    parseAllDocuments(readFileSync(join(MANIFESTS_DIR, file), 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors.map((error) => error.message).join('; ')}`);
      return { ...(document.toJS() as Omit<Manifest, 'file'>), file } as Manifest;
    }),
  );
}

export function manifestFiles(): string[] {
  return readdirSync(MANIFESTS_DIR)
    .filter((file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml')
    .sort();
}

export function readKustomization(): { resources: string[]; namespace: string } {
  const [document] = parseAllDocuments(readFileSync(join(MANIFESTS_DIR, 'kustomization.yaml'), 'utf8'));
  return document.toJS() as { resources: string[]; namespace: string };
}

/** The variables AppConfig reads, taken from its source so a new setting needs no second list here. */
export function appConfigVariables(): Set<string> {
  const source = readdirSync(APP_CONFIG_DIR)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => readFileSync(join(APP_CONFIG_DIR, file), 'utf8'))
    .join('\n');
  const names = [...source.matchAll(/read\.\w+\(\s*'([A-Z][A-Z0-9_]*)'/g)].map((match) => match[1]);
  return new Set(names);
}

/**
 * Validates one document against the Kubernetes OpenAPI schemas through the model class of its
 * apiVersion and kind (kubernetes-models is ES modules only, hence the dynamic import). A kind the
 * package does not know is an error, not a pass.
 */
export async function validateAgainstSchema(manifest: Manifest): Promise<void> {
  const models = (await import(`kubernetes-models/${manifest.apiVersion}`)) as Record<string, unknown>;
  const Model = models[manifest.kind] as (new (data: unknown) => { validate(): void }) | undefined;
  if (typeof Model !== 'function') throw new Error(`${manifest.file}: no Kubernetes schema for ${manifest.apiVersion} ${manifest.kind}`);
  const { file: _file, ...data } = manifest;
  new Model(data).validate();
}

export function only(manifests: Manifest[], kind: string): Manifest {
  const matching = manifests.filter((manifest) => manifest.kind === kind && !manifest.file.includes('.example.'));
  if (matching.length !== 1) throw new Error(`expected one ${kind}, found ${matching.length}`);
  return matching[0];
}
