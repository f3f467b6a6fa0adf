import { Controller, Delete, Get, HttpCode, Param, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PersonFactorsView } from '@app/contracts';
import { isUuid, NotFound } from '@app/core';
import { FactorService, UserService } from '@app/users';
import { AuditChanges, Changes } from '../audit/audit-changes';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { Audited } from '../audit/audited.decorator';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import { PersonFactorsViewDto } from './factor.dto';

/** A person's passkeys, authenticator apps and recovery codes, for helpdesk when they lost them. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('admin/v1/users/:id/factors')
@UseGuards(AdminAuthGuard)
@UseInterceptors(AuditInterceptor)
export class PersonFactorsAdminController {
  constructor(
    private readonly users: UserService,
    private readonly factors: FactorService,
  ) {}

  @Get()
  @ApiOkResponse({ type: PersonFactorsViewDto })
  async list(@Param('id') id: string): Promise<PersonFactorsView> {
    await this.users.get(id);
    const [factors, remaining] = await Promise.all([this.factors.list(id), this.factors.recoveryCodesRemaining(id)]);
    return {
      items: factors.map((factor) => ({
        id: factor.id,
        type: factor.type,
        label: factor.label,
        created_at: factor.createdAt.toISOString(),
        last_used_at: factor.lastUsedAt?.toISOString() ?? null,
      })),
      recovery_codes_remaining: remaining,
    };
  }

  /** Every factor and recovery code goes: the person signs in with the password and enrolls afresh. */
  @Delete()
  @Audited({ action: 'user.factors_reset', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async resetAll(@Param('id') id: string, @Changes() changes: AuditChanges): Promise<void> {
    await this.users.get(id);
    const removed = await this.factors.resetAll(id);
    changes.note({ removed: { factors: removed.factors, recovery_codes: removed.recoveryCodes } });
  }

  /** One factor; when it was the last, the recovery codes go with it. */
  @Delete(':factorId')
  @Audited({ action: 'user.factor_removed', targetType: 'user', targetParam: 'id' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@Param('id') id: string, @Param('factorId') factorId: string, @Changes() changes: AuditChanges): Promise<void> {
    await this.users.get(id);
    const removed = isUuid(factorId) ? await this.factors.remove(id, factorId) : undefined;
    if (!removed) throw new NotFound(`No factor with id ${factorId.slice(0, 100)} for this person`);
    changes.note({ factor: { id: removed.id, type: removed.type, label: removed.label } });
  }
}
