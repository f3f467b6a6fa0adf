/**
 * The role that makes a person an administrator: the admin API accepts their tokens, and only they are
 * granted the `admin` scope. Roles are free-form names otherwise (user-rules.ts).
 */
export const ADMIN_ROLE = 'admin';
