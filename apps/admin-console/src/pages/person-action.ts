/**
 * A change made from the person page: it runs `work`, shows `done` once it succeeded (or the failure
 * otherwise), and every section of the page reads the person again.
 */
export type PersonAction = (work: () => Promise<unknown>, done: string) => Promise<void>;
