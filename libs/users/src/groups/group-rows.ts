import type { GroupEntity } from './group.entity';

/* The shapes GroupRepository's membership reads answer with. */

/** A group a person is in, and the groups they were put in directly that bring them there. */
export interface PersonGroupRow {
  group: GroupEntity;
  direct: boolean;
  /** Names of the person's direct groups through which membership comes (empty when only direct). */
  via: string[];
}

export interface GroupMemberRow {
  type: 'user' | 'group';
  id: string;
  name: string | null;
  username?: string;
}

export interface GroupPersonRow {
  id: string;
  username: string;
  name: string | null;
  /** Names of the groups asked about that the person is in, directly or through subgroups. */
  via: string[];
}
