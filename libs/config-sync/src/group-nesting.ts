import type { ConfigDocument } from './config-document';
import type { DesiredGroup } from './desired-configuration';
import { problemAt } from './field-path';
import type { LiveConfiguration } from './live-configuration.service';

/**
 * A group may not end up inside itself at any depth (as the admin API refuses when nesting): checked on
 * the nesting the server will have, the document's groups plus the groups it keeps.
 */
export function checkGroupNesting(document: ConfigDocument, desired: Map<string, DesiredGroup>, live: LiveConfiguration, prune: boolean): void {
  const parentsOf = new Map<string, string[]>();
  if (!prune) {
    for (const group of live.document.groups) parentsOf.set(String(group.name).toLowerCase(), (group.parents as string[]).map((name) => name.toLowerCase()));
  }
  for (const [key, group] of desired) parentsOf.set(key, group.parents.map((name) => name.toLowerCase()));
  document.groups.forEach((object, index) => {
    const start = String(object.name).toLowerCase();
    const seen = new Set<string>();
    const queue = [...(parentsOf.get(start) ?? [])];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (next === start) throw problemAt(`groups[${index}].parents`, `would put the group ${String(object.name)} inside itself`);
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(parentsOf.get(next) ?? []));
    }
  });
}
