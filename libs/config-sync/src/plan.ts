import { ConfigDocument, ConfigObject, KEY_FIELD, KIND_OF, SECTIONS } from './config-document';
import { secretFieldOf } from './secret-reference';

export type ChangeAction = 'create' | 'update' | 'delete';

/** One field of a change; a secret shows as SECRET_SHOWN, never its value. */
export type FieldDiff = { before?: unknown; after?: unknown };

export interface PlannedChange {
  action: ChangeAction;
  kind: string;
  key: string;
  diff: Record<string, FieldDiff>;
}

export interface Plan {
  changes: PlannedChange[];
  /** Objects on the server that the document leaves out, kept because pruning was not asked for. */
  kept: Array<{ kind: string; key: string }>;
}

export const SECRET_SHOWN = '(secret)';

export interface PlanInput {
  current: ConfigDocument;
  desired: ConfigDocument;
  /** `kind:key` of the objects whose document brings a secret that differs from the stored one. */
  newSecrets: ReadonlySet<string>;
  prune: boolean;
}

/** What applying `desired` to a server holding `current` would change, object by object and field by field. */
export function planChanges({ current, desired, newSecrets, prune }: PlanInput): Plan {
  const plan: Plan = { changes: [], kept: [] };
  for (const section of SECTIONS) {
    const kind = KIND_OF[section];
    // Group names are one name whatever their case (as the server compares them): a new case is an update.
    const keyOf = (object: ConfigObject) => (section === 'groups' ? String(object[KEY_FIELD[section]]).toLowerCase() : String(object[KEY_FIELD[section]]));
    const before = new Map(current[section].map((object) => [keyOf(object), object]));
    const wanted = new Set<string>();
    for (const object of desired[section]) {
      const key = String(object[KEY_FIELD[section]]);
      wanted.add(keyOf(object));
      const existing = before.get(keyOf(object));
      const secretChanged = newSecrets.has(`${kind}:${key}`);
      if (!existing) plan.changes.push({ action: 'create', kind, key, diff: fieldsOf(kind, object, 'after') });
      else {
        const diff = changedFields(kind, existing, object, secretChanged);
        if (Object.keys(diff).length > 0) plan.changes.push({ action: 'update', kind, key, diff });
      }
    }
    for (const [match, object] of before) {
      if (wanted.has(match)) continue;
      const key = String(object[KEY_FIELD[section]]);
      if (prune) plan.changes.push({ action: 'delete', kind, key, diff: fieldsOf(kind, object, 'before') });
      else plan.kept.push({ kind, key });
    }
  }
  return plan;
}

function fieldsOf(kind: string, object: ConfigObject, side: 'before' | 'after'): Record<string, FieldDiff> {
  const secretField = secretFieldOf(kind, object);
  return Object.fromEntries(Object.entries(object).map(([field, value]) => [field, { [side]: field === secretField ? SECRET_SHOWN : value }]));
}

function changedFields(kind: string, before: ConfigObject, after: ConfigObject, secretChanged: boolean): Record<string, FieldDiff> {
  const secretField = secretFieldOf(kind, after);
  const diff: Record<string, FieldDiff> = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (field === secretField) continue;
    if (!sameValue(before[field], after[field])) diff[field] = { before: before[field], after: after[field] };
  }
  if (secretField && secretChanged) diff[secretField] = { before: before[secretField] === undefined ? undefined : SECRET_SHOWN, after: SECRET_SHOWN };
  return diff;
}

/** Structural equality of JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
