import type { UserEntity, UserService } from '@app/users';

/** People by id, read as the grants read them. */
export class InMemoryUsers implements Pick<UserService, 'findById'> {
  private readonly people = new Map<string, UserEntity>();

  constructor(...people: UserEntity[]) {
    for (const person of people) this.people.set(person.id, person);
  }

  async findById(id: string): Promise<UserEntity | undefined> {
    return this.people.get(id);
  }

  asService(): UserService {
    return this as unknown as UserService;
  }
}
