export * from './admin.module';
export * from './auth/admin-auth.guard';
export * from './pagination';
export * from './validation/admin-validation.pipe';
export { ADMIN_ROUTES } from './auth/admin-routes';
