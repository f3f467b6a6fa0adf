import { Injectable } from '@nestjs/common';
import type { ConfigDocument } from './config-document';
import { ConfigurationWriter } from './configuration-writer';
import { DesiredConfigurationResolver } from './desired-configuration.resolver';
import { checkEnvelope } from './document-envelope';
import { LiveConfigurationReader } from './live-configuration.service';
import { Plan, planChanges } from './plan';

export interface ApplyOptions {
  prune: boolean;
  /** The client the caller authenticated with: pruning never deletes it, so an apply cannot lock itself out. */
  callerClientId?: string;
}

export interface ApplyOutcome extends Plan {
  counts: { create: number; update: number; delete: number; kept: number };
}

/** Export, plan and apply of the configuration the admin API manages. */
@Injectable()
export class ConfigSyncService {
  constructor(
    private readonly live: LiveConfigurationReader,
    private readonly resolver: DesiredConfigurationResolver,
    private readonly writer: ConfigurationWriter,
  ) {}

  async export(): Promise<ConfigDocument> {
    return (await this.live.read()).document;
  }

  async plan(raw: unknown, options: ApplyOptions): Promise<Plan> {
    return (await this.prepare(raw, options)).plan;
  }

  /** Plans against the state read now and writes that plan in one transaction; a refused document writes nothing. */
  async apply(raw: unknown, options: ApplyOptions): Promise<ApplyOutcome> {
    const { plan, desired, live } = await this.prepare(raw, options);
    if (plan.changes.length > 0) await this.writer.write(plan, desired, live);
    const count = (action: string) => plan.changes.filter((change) => change.action === action).length;
    return { ...plan, counts: { create: count('create'), update: count('update'), delete: count('delete'), kept: plan.kept.length } };
  }

  private async prepare(raw: unknown, options: ApplyOptions) {
    const document = checkEnvelope(raw);
    const live = await this.live.read();
    const desired = await this.resolver.resolve(document, live, options.prune);
    const plan = planChanges({ current: live.document, desired: desired.document, newSecrets: desired.newSecrets, prune: options.prune });
    const protectedChange = plan.changes.findIndex((change) => change.action === 'delete' && change.kind === 'application' && change.key === options.callerClientId);
    if (protectedChange >= 0) plan.kept.push(...plan.changes.splice(protectedChange, 1).map(({ kind, key }) => ({ kind, key })));
    return { plan, desired, live };
  }
}
