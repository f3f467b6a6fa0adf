import type { ApiEntity, ApiService } from '@app/clients';

/** Registered APIs by identifier, as the scope policy looks them up. */
export class InMemoryApis implements Pick<ApiService, 'findByIdentifier'> {
  private readonly apis = new Map<string, ApiEntity>();

  constructor(...apis: ApiEntity[]) {
    for (const api of apis) this.apis.set(api.identifier, api);
  }

  async findByIdentifier(identifier: string): Promise<ApiEntity | null> {
    return this.apis.get(identifier) ?? null;
  }

  asService(): ApiService {
    return this as unknown as ApiService;
  }
}
