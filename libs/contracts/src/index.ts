export * from './clients';
export * from './keys';
export * from './users';
export * from './apis';
export * from './audit';
export * from './device';
export * from './groups';
export * from './admin-access';
