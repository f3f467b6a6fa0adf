import { ScimError } from '../http/scim-error';
import { matchesFilter } from '../filter/filter-evaluator';
import { AttributeScope, containerOf, isObject, valueScope } from '../schema/attribute-path';
import { normalizeResource, normalizeValue, setValue } from '../schema/normalize';
import type { ScimAttribute } from '../schema/scim-attributes';
import { PATCH_OP_SCHEMA } from '../schema/scim-schemas';
import { parsePatchPath, PatchTarget } from './patch-path';
import { valueFromFilter } from './value-from-filter';

type Op = 'add' | 'replace' | 'remove';
type Resource = Record<string, unknown>;

const MAX_OPERATIONS = 1000;

/**
 * RFC 7644 §3.5.2 applied to a copy of the resource in its SCIM form; the caller stores the outcome like a
 * PUT. `op` is read without case (Entra ID sends "Replace"); an operation without `path` (Okta's
 * `{"op":"replace","value":{"active":false}}`) sets each attribute its value names.
 */
export function applyPatch(scope: AttributeScope, current: Resource, body: unknown): Resource {
  if (!isObject(body) || !Array.isArray(body.schemas) || !body.schemas.includes(PATCH_OP_SCHEMA)) {
    throw ScimError.invalid('invalidSyntax', `A PATCH body is a ${PATCH_OP_SCHEMA} message`);
  }
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0 || operations.length > MAX_OPERATIONS) {
    throw ScimError.invalid('invalidSyntax', `Operations must list 1 to ${MAX_OPERATIONS} operations`);
  }
  const resource = structuredClone(current);
  for (const operation of operations) applyOperation(scope, resource, operation);
  return resource;
}

function applyOperation(scope: AttributeScope, resource: Resource, operation: unknown): void {
  if (!isObject(operation)) throw ScimError.invalid('invalidSyntax', 'Each operation is an object');
  const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
  if (op !== 'add' && op !== 'replace' && op !== 'remove') throw ScimError.invalid('invalidSyntax', 'op must be add, replace or remove');
  const path = operation.path;
  if (path === undefined || path === null || path === '') {
    // §3.5.2.2: remove needs a path; add and replace without one carry the attributes in `value`.
    if (op === 'remove') throw ScimError.invalid('noTarget', 'A remove operation needs a path');
    if (!isObject(operation.value)) throw ScimError.invalid('invalidValue', 'An operation without path carries an object value');
    for (const [key, value] of Object.entries(operation.value)) {
      // Okta repeats the resource's own id beside the attributes it replaces.
      if (key.toLowerCase() === 'id' && value === resource.id) continue;
      applyAt(op, parsePatchPath(scope, key), resource, value, scope);
    }
    return;
  }
  if (typeof path !== 'string') throw ScimError.invalid('invalidPath', 'path must be a string');
  applyAt(op, parsePatchPath(scope, path), resource, operation.value, scope);
}

function applyAt(op: Op, target: PatchTarget, resource: Resource, value: unknown, scope: AttributeScope): void {
  if (!target.attribute) return applyToExtension(op, target.extension!, resource, value, scope);
  if (target.attribute.mutability === 'readOnly' || target.sub?.mutability === 'readOnly') {
    throw ScimError.invalid('mutability', `${target.attribute.name} cannot be changed`);
  }
  const container = containerOf(resource, target, op !== 'remove');
  if (!container) return;
  if (target.filter) return applyToMatching(op, target, container, value);
  if (target.sub) return applyToSub(op, target.attribute, target.sub, container, value);
  const attribute = target.attribute;
  if (op === 'remove') return removeValues(attribute, container, value);
  const normalized = normalizeValue(attribute, value, attribute.name);
  if (op === 'add' && attribute.multiValued && Array.isArray(container[attribute.name]) && Array.isArray(normalized)) {
    const fresh = normalized.filter((candidate) => !(container[attribute.name] as unknown[]).some((present) => sameValue(present, candidate)));
    // RFC 7643 §2.4: one value at most is primary; a new primary one takes it from the others.
    const existing = fresh.some((value) => isObject(value) && value.primary === true)
      ? (container[attribute.name] as unknown[]).map((value) => (isObject(value) && value.primary === true ? { ...value, primary: false } : value))
      : (container[attribute.name] as unknown[]);
    return setValue(container, attribute, [...existing, ...fresh]);
  }
  if (op === 'add' && attribute.type === 'complex' && !attribute.multiValued && isObject(container[attribute.name]) && isObject(normalized)) {
    return setValue(container, attribute, { ...(container[attribute.name] as Resource), ...normalized });
  }
  setValue(container, attribute, normalized);
}

/** `path` names a whole extension (`urn:...:enterprise:2.0:User`): its attributes are set, or all removed. */
function applyToExtension(op: Op, extension: string, resource: Resource, value: unknown, scope: AttributeScope): void {
  if (op === 'remove') {
    delete resource[extension];
    return;
  }
  if (!isObject(value)) throw ScimError.invalid('invalidValue', `${extension} takes an object`);
  const normalized = normalizeResource(scope, { [extension]: value })[extension] as Resource;
  resource[extension] = op === 'add' && isObject(resource[extension]) ? { ...(resource[extension] as Resource), ...normalized } : normalized;
}

/** `name.givenName`, or a sub-attribute of every value of a multi-valued attribute. */
function applyToSub(op: Op, attribute: ScimAttribute, sub: ScimAttribute, container: Resource, value: unknown): void {
  const normalized = op === 'remove' ? undefined : normalizeValue(sub, value, `${attribute.name}.${sub.name}`);
  if (attribute.multiValued) {
    const values = Array.isArray(container[attribute.name]) ? (container[attribute.name] as Resource[]) : [];
    if (values.length === 0 && normalized !== undefined) return setValue(container, attribute, [{ [sub.name]: normalized }]);
    values.forEach((single) => setValue(single, sub, normalized));
    return;
  }
  const parent = isObject(container[attribute.name]) ? (container[attribute.name] as Resource) : {};
  setValue(parent, sub, normalized);
  setValue(container, attribute, Object.keys(parent).length > 0 ? parent : undefined);
}

/**
 * `emails[type eq "work"].value`, `members[value eq "id"]`. A replace or add whose filter matches nothing
 * adds a value made from the filter's equalities (Entra ID sets a first work address this way); one whose
 * filter says too little for that is answered noTarget (§3.5.2.3). A remove that matches nothing is done.
 */
function applyToMatching(op: Op, target: PatchTarget, container: Resource, value: unknown): void {
  const attribute = target.attribute!;
  const inner = valueScope(attribute);
  const values = Array.isArray(container[attribute.name]) ? (container[attribute.name] as Resource[]) : [];
  const matching = values.filter((single) => isObject(single) && matchesFilter(target.filter!, single, inner));
  const normalized = op === 'remove' ? undefined : normalizeValue(target.sub ?? { ...attribute, multiValued: false }, value, attribute.name);
  if (op === 'remove' && !target.sub) return setValue(container, attribute, nonEmpty(values.filter((single) => !matching.includes(single))));
  if (matching.length === 0) {
    if (op === 'remove') return;
    const made = valueFromFilter(target.filter!, inner);
    if (!made) throw ScimError.invalid('noTarget', `No value of ${attribute.name} matches the filter`);
    const addition = target.sub ? { ...made, [target.sub.name]: normalized } : { ...made, ...(normalized as Resource) };
    return setValue(container, attribute, [...values, addition]);
  }
  for (const single of matching) {
    if (target.sub) setValue(single, target.sub, normalized);
    else Object.assign(single, normalized);
  }
}

/** Remove without a filter: the whole attribute, or (Entra ID's form for members) just the values listed in `value`. */
function removeValues(attribute: ScimAttribute, container: Resource, value: unknown): void {
  if (!attribute.multiValued || value === undefined || value === null) return setValue(container, attribute, undefined);
  const listed = normalizeValue(attribute, value, attribute.name) as unknown[] | undefined;
  const values = Array.isArray(container[attribute.name]) ? (container[attribute.name] as unknown[]) : [];
  setValue(container, attribute, nonEmpty(values.filter((present) => !(listed ?? []).some((gone) => sameValue(present, gone)))));
}

/** Two values of a multi-valued attribute are the same value when their `value` is (or, without one, all of them). */
function sameValue(left: unknown, right: unknown): boolean {
  if (isObject(left) && isObject(right) && left.value !== undefined) return left.value === right.value;
  return JSON.stringify(left) === JSON.stringify(right);
}

function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length === 0 ? undefined : values;
}
