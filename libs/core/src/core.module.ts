import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { HousekeepingSweeps } from './housekeeping/housekeeping-sweeps';
import { ShutdownState } from './health/shutdown-state';
import { APP_LOGGER, AppLogger } from './logging/app-logger';
import { MetricsExposure } from './observability/metrics-exposure';
import { Metrics } from './observability/metrics.service';
import { Clock, SystemClock } from './time/clock';

@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, logger: AppLogger): DynamicModule {
    return {
      module: CoreModule,
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_LOGGER, useValue: logger },
        { provide: Clock, useClass: SystemClock },
        ShutdownState,
        HousekeepingSweeps,
        Metrics,
        MetricsExposure,
      ],
      exports: [AppConfig, APP_LOGGER, Clock, ShutdownState, HousekeepingSweeps, Metrics],
    };
  }
}
