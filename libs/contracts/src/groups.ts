/** `POST /admin/v1/groups`, `PATCH /admin/v1/groups/:id`. */
export interface GroupInput {
  name?: string;
  description?: string;
  /** Everyone in the group (directly or through nested groups) signs in with a second factor (`acr` `mfa`). */
  require_mfa?: boolean;
  /** Everyone in the group signs in with a passkey or security key (`acr` `phr`). */
  require_phishing_resistant?: boolean;
}

export interface GroupView {
  id: string;
  name: string;
  description: string;
  require_mfa: boolean;
  require_phishing_resistant: boolean;
  created_at: string;
  updated_at: string;
}

/** `GET /admin/v1/groups/:id/members`: who was put in the group directly, people and groups. */
export type GroupMemberView =
  | { type: 'user'; id: string; username: string; name: string | null }
  | { type: 'group'; id: string; name: string };

/** `GET /admin/v1/users/:id/groups`: every group the person is in, and how. */
export interface PersonGroupView extends Pick<GroupView, 'id' | 'name' | 'description'> {
  /** Put in this group directly. */
  direct: boolean;
  /** The person's direct groups, inside this one at some depth, through which membership also comes. */
  via: string[];
}

/** `GET /admin/v1/users/:id/access`: an app the person may sign in to, and why. */
export interface PersonAppAccessView {
  client_id: string;
  client_name: string;
  /** The app has no allowed_groups: everyone may sign in. */
  everyone: boolean;
  /** Otherwise the allowed groups the person is in. */
  via: string[];
}

/** `GET /admin/v1/clients/:id/access`: who may sign in to an app, and why. */
export interface AppAccessView {
  everyone: boolean;
  allowed_groups: string[];
  people: Array<{ id: string; username: string; name: string | null; via: string[] }>;
}
