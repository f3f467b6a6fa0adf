import { CreateLogoutDeliveries1764100022100 } from './migrations/1764100022100-create-logout-deliveries';
import { LogoutDeliveryEntity } from './outbox/logout-delivery.entity';

export * from './logout-deliveries.service';
export * from './logout.module';

export const LOGOUT_ENTITIES = [LogoutDeliveryEntity];
export const LOGOUT_MIGRATIONS = [CreateLogoutDeliveries1764100022100];

/** Delivered rows are kept a week for the console's list; dead letters stay until retried or purged by hand. */
export const LOGOUT_PURGE_TASKS = [
  { table: 'logout_deliveries', where: "delivered_at < now() - interval '7 days'" },
];
