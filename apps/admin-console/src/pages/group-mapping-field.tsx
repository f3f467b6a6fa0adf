import type { GroupView, Page } from '@app/contracts';
import { Field } from '../forms';
import { useCan } from '../permissions';
import { useResource } from '../use-resource';
import type { MappingRow } from './identity-provider-values';

/** Our groups to map to: a select of them all when they fit one page, else a name typed with suggestions. */
function GroupChoice({ label, value, groups, complete, onChange }: { label: string; value: string; groups: string[]; complete: boolean; onChange: (name: string) => void }) {
  return (
    <Field label={label}>
      {(props) =>
        complete ? (
          <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
            <option value="">Choose a group…</option>
            {[...new Set([...groups, ...(value ? [value] : [])])].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        ) : (
          <>
            <input {...props} type="text" list={`${props.id}-groups`} value={value} onChange={(event) => onChange(event.target.value)} />
            <datalist id={`${props.id}-groups`}>
              {groups.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </>
        )
      }
    </Field>
  );
}

interface MappingFieldProps {
  rows: MappingRow[];
  onChange: (rows: MappingRow[]) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * Upstream groups (as the upstream sends them: an Entra object id, an Okta group name, an LDAP group DN or
 * name) mapped one a row to one of our groups; people signed in get the mapped memberships. Our groups are
 * offered from `/admin/v1/groups` when the caller may read them.
 */
export function GroupMappingField(props: MappingFieldProps) {
  return useCan('groups:read') ? <WithOurGroups {...props} /> : <MappingRows {...props} groups={[]} complete={false} />;
}

function WithOurGroups(props: MappingFieldProps) {
  const groups = useResource<Page<GroupView>>('/groups?limit=100');
  const names = groups.data?.items.map((group) => group.name) ?? [];
  return <MappingRows {...props} groups={names} complete={groups.data !== undefined && !groups.data.next_cursor} />;
}

function MappingRows({ rows, onChange, error, disabled, groups, complete }: MappingFieldProps & { groups: string[]; complete: boolean }) {
  const setRow = (index: number, patch: Partial<MappingRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className={`list-field${error ? ' has-error' : ''}`}>
      <legend>Group mapping</legend>
      {rows.length === 0 && <p className="empty">No mapping: signing in through this provider adds people to no group.</p>}
      {rows.map((row, index) => (
        <div className="row mapping-row" key={index}>
          <Field label={`Upstream group ${index + 1}`}>
            {(props) => <input {...props} type="text" placeholder="id or name" value={row.upstream} onChange={(event) => setRow(index, { upstream: event.target.value })} />}
          </Field>
          <GroupChoice label={`Our group ${index + 1}`} value={row.group} groups={groups} complete={complete} onChange={(group) => setRow(index, { group })} />
          {!disabled && (
            <button type="button" className="secondary small" aria-label={`Remove mapping ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              Remove
            </button>
          )}
        </div>
      ))}
      {!disabled && (
        <button type="button" className="secondary small" onClick={() => onChange([...rows, { upstream: '', group: '' }])}>
          Add mapping
        </button>
      )}
      <p className="hint">Memberships that come from a mapping are marked as the provider's and removed when the upstream drops the group; memberships made here stay.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
