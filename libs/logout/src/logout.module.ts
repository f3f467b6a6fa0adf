import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { ClientsModule } from '@app/clients';
import { TokensModule } from '@app/tokens';
import { UsersModule } from '@app/users';
import { LogoutDeliveryWorker } from './delivery/logout-delivery.worker';
import { LogoutTokenService } from './delivery/logout-token.service';
import { LogoutDeliveriesService } from './logout-deliveries.service';
import { LogoutDeliveryRepository } from './outbox/logout-delivery.repository';
import { LogoutOutboxListener } from './outbox/logout-outbox.listener';
import { LogoutOutboxMetrics } from './outbox/logout-outbox.metrics';

/** OIDC Back-Channel Logout 1.0: the outbox every session end writes to, and the worker that delivers it. */
@Module({
  imports: [AuditModule, ClientsModule, TokensModule, UsersModule],
  providers: [LogoutDeliveryRepository, LogoutTokenService, LogoutDeliveryWorker, LogoutOutboxListener, LogoutOutboxMetrics, LogoutDeliveriesService],
  exports: [LogoutDeliveriesService],
})
export class LogoutModule {}
