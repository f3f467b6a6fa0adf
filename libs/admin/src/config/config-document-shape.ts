import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InvalidRequest } from '@app/core';
import { CreateApiDto } from '../apis/api.dto';
import { ClientMetadataDto } from '../clients/client-metadata.dto';
import { CreateGroupDto } from '../groups/group.dto';
import { collect } from '../validation/admin-validation.pipe';
import { MAX_BODY_DEPTH, tooDeepField } from '../validation/json-depth';

/** Each section's objects are checked with the DTO of the admin API route that creates them. */
const SHAPES = {
  applications: { dto: ClientMetadataDto, documentOnly: ['client_id', 'client_secret'] },
  apis: { dto: CreateApiDto, documentOnly: [] },
  groups: { dto: CreateGroupDto, documentOnly: ['parents'] },
} as const;

/** Sections, apiVersion and so on, then applications[i] with its jwks keys: a few levels above a body's. */
const MAX_DOCUMENT_DEPTH = MAX_BODY_DEPTH + 2;

/**
 * Refuses a document whose objects the admin API would refuse at validation, with the same message,
 * under the object's place in the file (`applications[2].redirect_uris: ...`). Documents that are not
 * objects, or sections that are not lists, are left to the configuration checks that follow.
 */
export function checkDocumentShape(document: unknown): void {
  const tooDeep = tooDeepField(document, MAX_DOCUMENT_DEPTH);
  if (tooDeep !== undefined) throw InvalidRequest.forField(tooDeep, `is nested more than ${MAX_DOCUMENT_DEPTH} levels deep`);
  if (typeof document !== 'object' || document === null) return;
  for (const [section, { dto, documentOnly }] of Object.entries(SHAPES)) {
    const objects: unknown = (document as Record<string, unknown>)[section];
    if (!Array.isArray(objects)) continue;
    objects.forEach((object: unknown, index) => {
      if (typeof object !== 'object' || object === null || Array.isArray(object)) return;
      const body = Object.fromEntries(Object.entries(object).filter(([field]) => !(documentOnly as readonly string[]).includes(field)));
      const errors = validateSync(plainToInstance(dto as new () => object, body), { whitelist: true, forbidUnknownValues: true });
      const [field, message] = Object.entries(collect(errors))[0] ?? [];
      if (field !== undefined) throw InvalidRequest.forField(`${section}[${index}].${field.replace(/\.(\d+)(?=\.|$)/g, '[$1]')}`, message);
    });
  }
}
