import { ReactNode, useId, useState } from 'react';
import { ApiFailure } from './api';

/** A labelled input with its error message (from the API's `fields`) tied to it for screen readers. */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ErrorBanner({ error }: { error: unknown }) {
  if (!error) return null;
  // Field messages are shown next to their fields; the banner only points at them.
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

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="banner success" role="status">
      {children}
    </div>
  );
}

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button type="button" className="secondary small" onClick={() => void copy()} aria-live="polite">
      {copied ? 'Copied' : label}
    </button>
  );
}

/** A secret shown once, with a copy button and a plain warning. */
export function SecretPanel({ secret, onDone }: { secret: string; onDone: () => void }) {
  return (
    <section className="secret-panel" aria-labelledby="secret-title">
      <h2 id="secret-title">Client secret</h2>
      <p>Copy it now: it is shown only this once and cannot be read again.</p>
      <div className="secret-row">
        <code data-testid="client-secret">{secret}</code>
        <CopyButton value={secret} />
      </div>
      <button type="button" className="secondary" onClick={onDone}>
        I have stored it
      </button>
    </section>
  );
}

/** A destructive action that asks first, in place (no browser dialog). */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  danger = true,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'danger' : 'secondary'} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <button
        type="button"
        className={danger ? 'danger' : ''}
        disabled={busy}
        autoFocus
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}

/** Cursor pagination: the cursors seen so far make "Previous" possible. */
export function Pager({ hasPrevious, next, onPrevious, onNext }: { hasPrevious: boolean; next: string | null; onPrevious: () => void; onNext: () => void }) {
  if (!hasPrevious && !next) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={!hasPrevious} onClick={onPrevious}>
        Previous
      </button>
      <button type="button" className="secondary" disabled={!next} onClick={onNext}>
        Next
      </button>
    </nav>
  );
}

/** Reads the messages of an ApiFailure by field name; `redirect_uris[2]` also counts for `redirect_uris`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiFailure)) return {};
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields)) {
    const indexed = /^([a-z_]+)\[(\d+)\]$/.exec(field);
    if (indexed) {
      const [, name, index] = indexed;
      const line = `line ${Number(index) + 1}: ${message}`;
      out[name] = out[name] ? `${out[name]}; ${line}` : line;
    } else {
      out[field] = out[field] ? `${out[field]}; ${message}` : message;
    }
  }
  return out;
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}
