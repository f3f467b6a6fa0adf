/** What every form of the console shares: field wiring, values, submission state and the API's error messages. */
export { ErrorBanner, OtherErrors } from './error-banner';
export { Field } from './field';
export type { FieldControlProps } from './field';
export { fieldErrors } from './field-errors';
export { AddNameInput, ListField } from './list-field';
export { lines, words } from './text-lists';
export { useFormValues } from './use-form-values';
export type { FormValues } from './use-form-values';
export { useSubmission } from './use-submission';
export type { Submission } from './use-submission';
