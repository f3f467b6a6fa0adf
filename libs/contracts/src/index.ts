export * from './clients';
export * from './keys';
export * from './users';
export * from './apis';
