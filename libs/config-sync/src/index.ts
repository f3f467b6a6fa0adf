// Configuration as code: export, plan and apply of what the admin API manages.
export * from './config-document';
export * from './config-sync.module';
export * from './config-sync.service';
export { documentToYaml, readDocumentBody } from './document-yaml';
export type { FieldDiff, Plan, PlannedChange } from './plan';
export { parseReference, secretReferenceFor } from './secret-reference';
