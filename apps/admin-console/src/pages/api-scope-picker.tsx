import type { ApiView } from '@app/contracts';
import { Link } from '../router';

/**
 * Checkboxes of every registered API's scopes, grouped by API with their descriptions: what an application
 * may request with client credentials. Picking a scope of an API is what lets it ask for that API.
 */
export function ApiScopePicker({
  apis,
  selected,
  onChange,
  truncated,
  error,
  disabled,
}: {
  apis: readonly ApiView[];
  selected: readonly string[];
  onChange: (scopes: string[]) => void;
  truncated?: boolean;
  error?: string;
  disabled?: boolean;
}) {
  const toggle = (scope: string, on: boolean) => onChange(on ? [...selected.filter((other) => other !== scope), scope] : selected.filter((other) => other !== scope));
  return (
    <fieldset className={`api-scopes${error ? ' has-error' : ''}`} disabled={disabled}>
      <legend>API access</legend>
      {apis.length === 0 ? (
        <p className="hint-box" data-testid="no-apis">
          No API is registered yet. <Link to="/apis">Register the API</Link> this application calls, with its scopes, then pick them here.
        </p>
      ) : (
        <>
          <p className="hint">The APIs this application may call as itself, and with which scopes. Tokens for an API are requested with its identifier as <code>resource</code>.</p>
          {apis.map((api) => (
            <fieldset key={api.id} className="checks api-scope-group" aria-label={`Scopes of ${api.name}`}>
              <legend>
                {api.name} <code>{api.identifier}</code>
              </legend>
              {api.scopes.length === 0 && <p className="empty">This API defines no scopes.</p>}
              {api.scopes.map((scope) => (
                <label key={scope.name}>
                  <input type="checkbox" checked={selected.includes(scope.name)} onChange={(event) => toggle(scope.name, event.target.checked)} /> <code>{scope.name}</code>
                  {scope.description && <span className="hint"> {scope.description}</span>}
                </label>
              ))}
            </fieldset>
          ))}
          {truncated && <p className="hint">Only the first APIs are listed here; find the others under APIs.</p>}
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
