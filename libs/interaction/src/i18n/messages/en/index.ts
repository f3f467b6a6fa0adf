import { common } from './common';

/** The English catalogue: the reference every other language is checked against. */
export const en = { ...common };
