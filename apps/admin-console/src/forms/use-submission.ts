import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { fieldErrors } from './field-errors';

export interface Submission {
  /** A submission is under way (a form may say so on its submit button and disable it). */
  busy: boolean;
  /** Why the last submission failed; cleared when the next one starts. */
  error: unknown;
  /** The failure's messages by field name, for the fields that show them. */
  fieldErrors: Record<string, string>;
  /** Runs one submission or action; a failure is kept in `error` instead of being thrown. */
  run(work: () => Promise<unknown>): Promise<void>;
  /** A form's onSubmit handler: keeps the browser from submitting the form itself, then runs the work. */
  onSubmit(work: () => Promise<unknown>): (event: FormEvent) => void;
}

/** The state of a form's submission (or of a page's actions): busy, then succeeded or failed with the API's error. */
export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);
  const onSubmit = useCallback(
    (work: () => Promise<unknown>) => (event: FormEvent) => {
      event.preventDefault();
      void run(work);
    },
    [run],
  );
  return { busy, error, fieldErrors: fieldErrors(error), run, onSubmit };
}
