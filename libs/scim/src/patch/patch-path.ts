import type { Filter } from 'scim2-parse-filter';
import { ScimError } from '../http/scim-error';
import { parseScimFilter } from '../filter/scim-filter';
import { AttributeRef, AttributeScope, resolveAttribute } from '../schema/attribute-path';
import { findAttribute } from '../schema/scim-attributes';

/** RFC 7644 §3.5.2 PATH = attrPath / valuePath [subAttr]: an attribute, maybe a value filter, maybe a sub-attribute. */
export interface PatchTarget extends AttributeRef {
  filter?: Filter;
}

/**
 * `name.givenName`, `emails[type eq "work"].value`, `members[value eq "id"]`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`. The filter inside the brackets
 * goes to the filter parser; the parts around it are split here (the parser reads filters, not paths).
 */
export function parsePatchPath(scope: AttributeScope, path: string): PatchTarget {
  const open = path.indexOf('[');
  if (open < 0) return known(resolveAttribute(scope, path), path);
  const close = path.lastIndexOf(']');
  const rest = path.slice(close + 1);
  if (close < open || (rest !== '' && !/^\.[\w$]+$/.test(rest))) throw ScimError.invalid('invalidPath', 'The path is not a valid attribute path');
  const target = known(resolveAttribute(scope, path.slice(0, open)), path);
  if (!target.attribute?.multiValued || target.sub) throw ScimError.invalid('invalidPath', 'A value filter applies to a multi-valued attribute only');
  const filter = parseScimFilter(path.slice(open + 1, close));
  if (rest === '') return { ...target, filter };
  const sub = findAttribute(target.attribute.subAttributes ?? [], rest.slice(1));
  if (!sub) throw ScimError.invalid('invalidPath', `The attribute ${target.attribute.name} has no ${rest.slice(1)}`);
  return { ...target, sub, filter };
}

function known(ref: AttributeRef | undefined, path: string): PatchTarget {
  if (!ref) throw ScimError.invalid('invalidPath', `No attribute ${path.slice(0, 200)} in this resource's schemas`);
  return ref;
}
