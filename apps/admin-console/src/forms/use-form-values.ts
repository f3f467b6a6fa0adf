import { useCallback, useState } from 'react';
import type { ChangeEvent } from 'react';

/** The fields of T typed exactly `string`: free text a control may set to anything. */
type TextKey<T> = { [K in keyof T]-?: T[K] extends string ? (string extends T[K] ? K : never) : never }[keyof T];
/** The fields of T that hold one of a few strings, such as a select's options. */
type ChoiceKey<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T];
/** The fields of T typed `boolean`. */
type FlagKey<T> = { [K in keyof T]-?: T[K] extends boolean ? K : never }[keyof T];

type TextControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export interface FormValues<T> {
  values: T;
  set<K extends keyof T>(key: K, value: T[K]): void;
  /** Starts over from other values, e.g. what the server answered to a save. */
  replace(values: T): void;
  /** `value` and `onChange` for an input, textarea or select editing a text field. */
  text(key: TextKey<T>): { value: string; onChange: (event: ChangeEvent<TextControl>) => void };
  /** `value` and `onChange` for a select whose options are exactly `options`; anything else is ignored. */
  choice<K extends ChoiceKey<T>>(key: K, options: readonly T[K][]): { value: string; onChange: (event: ChangeEvent<HTMLSelectElement>) => void };
  /** `checked` and `onChange` for a checkbox editing a yes/no field. */
  checkbox(key: FlagKey<T>): { checked: boolean; onChange: (event: ChangeEvent<HTMLInputElement>) => void };
}

/**
 * A form's values, one setter a field and ready-made bindings for its controls. `onEdit` hears every
 * change made through them (a "Saved" notice goes away once the form is edited again).
 */
export function useFormValues<T extends object>(initial: T | (() => T), onEdit?: () => void): FormValues<T> {
  const [values, setValues] = useState<T>(initial);
  const set = useCallback(
    <K extends keyof T>(key: K, value: T[K]) => {
      onEdit?.();
      setValues((current) => ({ ...current, [key]: value }));
    },
    [onEdit],
  );
  return {
    values,
    set,
    replace: setValues,
    // TextKey and FlagKey admit only fields of exactly that type, which TypeScript cannot see through an index of a generic T.
    text: (key) => ({ value: values[key] as string, onChange: (event) => set(key, event.target.value as T[typeof key]) }),
    checkbox: (key) => ({ checked: values[key] as boolean, onChange: (event) => set(key, event.target.checked as T[typeof key]) }),
    choice: (key, options) => ({
      value: String(values[key]),
      onChange: (event) => {
        const picked = options.find((option) => option === event.target.value);
        if (picked !== undefined) set(key, picked);
      },
    }),
  };
}
