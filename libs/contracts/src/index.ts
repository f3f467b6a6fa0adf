export * from './clients';
export * from './keys';
