import { ApiFailure } from '../api';

/**
 * A failed request in words: the admin API's `error_description` (or `error`), any other error's message.
 * Field messages are shown next to their fields, so for those the banner only points at them.
 */
export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiFailure
      ? Object.keys(error.fields).length > 0
        ? 'Some fields need attention: see the messages below them.'
        : error.message
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <div className="banner error" role="alert">
      {message}
    </div>
  );
}

/** Field errors for inputs a form does not show, so nothing the server said gets lost. */
export function OtherErrors({ errors, shown }: { errors: Record<string, string>; shown: readonly string[] }) {
  const rest = Object.entries(errors).filter(([field]) => !shown.includes(field));
  if (rest.length === 0) return null;
  return (
    // The alert role sits on a wrapper: on the list itself it would hide the items' list semantics.
    <div className="banner error" role="alert">
      <ul>
        {rest.map(([field, message]) => (
          <li key={field}>
            <code>{field}</code>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
