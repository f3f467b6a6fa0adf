import type { ReactNode } from 'react';

/** One numbered step of a flow; later steps stay dimmed until reached. */
export function Step({ number, title, reached, children }: { number: number; title: string; reached: boolean; children: ReactNode }) {
  return (
    <li className={`step${reached ? '' : ' pending'}`} aria-current={reached ? undefined : 'false'}>
      <h3>
        <span className="step-number" aria-hidden="true">
          {number}
        </span>
        {title}
      </h3>
      {reached && <div className="step-body">{children}</div>}
    </li>
  );
}

export function Value({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="value">
      <span className="hint">{label}</span>
      <code data-testid={testId}>{value}</code>
    </div>
  );
}
