export { isPageRequest } from './http/page.decorator';
export { PageErrorFilter } from './http/page-error.filter';
export * from './interaction.module';

/** Expired rows this lib's tables may drop (see HousekeepingService). */
export const INTERACTION_PURGE_TASKS = [
  { table: 'authorization_requests', where: "expires_at < now() - interval '1 hour'" },
  { table: 'device_verification_failures', where: "window_start < now() - interval '1 day'" },
];
export { registerPageContext } from './i18n/page-context.hook';
export { registerPageBranding } from './http/page-branding.hook';
