import { DynamicModule, Module } from '@nestjs/common';
import { HousekeepingService, PURGE_TASKS } from './housekeeping.service';
import { PurgeTask } from './purge-task';

@Module({})
export class HousekeepingModule {
  static forRoot(tasks: PurgeTask[]): DynamicModule {
    return {
      module: HousekeepingModule,
      providers: [{ provide: PURGE_TASKS, useValue: tasks }, HousekeepingService],
      exports: [HousekeepingService],
    };
  }
}
