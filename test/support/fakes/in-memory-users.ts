import type { PersonStanding, UserEntity, UserService } from '@app/users';

/** People by id, read as the grants read them; every sign-in session is live until `endSession`. */
export class InMemoryUsers implements Pick<UserService, 'findById' | 'standing'> {
  private readonly people = new Map<string, UserEntity>();
  private readonly endedSessions = new Set<string>();

  constructor(...people: UserEntity[]) {
    for (const person of people) this.people.set(person.id, person);
  }

  async findById(id: string): Promise<UserEntity | undefined> {
    return this.people.get(id);
  }

  async standing(id: string, sessionId: string | null): Promise<PersonStanding | undefined> {
    const person = this.people.get(id);
    return person && { enabled: !person.disabled, sessionLive: sessionId !== null && !this.endedSessions.has(sessionId) };
  }

  endSession(sessionId: string): this {
    this.endedSessions.add(sessionId);
    return this;
  }

  asService(): UserService {
    return this as unknown as UserService;
  }
}
