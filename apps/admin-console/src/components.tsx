import { useState } from 'react';
import type { ReactNode } from 'react';

/** What a page shows while its data is on its way. */
export function Loading() {
  return <p aria-busy="true">Loading…</p>;
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

export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}
