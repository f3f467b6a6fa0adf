import { complex, flag, multiValued, reference, ScimAttribute, text } from './scim-attributes';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface ScimSchema {
  id: string;
  name: string;
  description: string;
  attributes: ScimAttribute[];
}

/** RFC 7643 §3.1: `id` and `externalId` belong to every resource; `meta` too, but it is the server's. */
export const COMMON_ATTRIBUTES: ScimAttribute[] = [
  text('id', 'Unique identifier of the resource, assigned by the service provider', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  text('externalId', 'Identifier of the resource in the provisioning client', { caseExact: true }),
  complex('meta', 'Resource metadata, maintained by the service provider', [
    text('resourceType', 'The name of the resource type', { caseExact: true, mutability: 'readOnly' }),
    { ...text('created', 'When the resource was added', { mutability: 'readOnly' }), type: 'dateTime' },
    { ...text('lastModified', 'When the resource was last changed', { mutability: 'readOnly' }), type: 'dateTime' },
    reference('location', 'The URI of the resource', ['uri'], { caseExact: true, mutability: 'readOnly' }),
    text('version', 'The entity tag of the resource', { caseExact: true, mutability: 'readOnly' }),
  ], { mutability: 'readOnly' }),
];

/** A resource type's schemas: the core one, its extensions, and the attributes every resource has. */
export interface ResourceSchema {
  core: ScimSchema;
  extensions: readonly ScimSchema[];
}

/** RFC 7643 §4.1, the attributes this server keeps (others sent are ignored). */
export const USER: ScimSchema = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    text('userName', 'Unique identifier for the User, used to sign in', { required: true, uniqueness: 'server' }),
    complex('name', 'The components of the user\'s name', [
      text('formatted', 'The full name, formatted for display'),
      text('familyName', 'The family name'),
      text('givenName', 'The given name'),
      text('middleName', 'The middle name(s)'),
      text('honorificPrefix', 'The honorific prefix(es)'),
      text('honorificSuffix', 'The honorific suffix(es)'),
    ]),
    text('displayName', 'The name of the User, suitable for display'),
    text('nickName', 'The casual way to address the user'),
    reference('profileUrl', 'A URI of the user\'s online profile', ['external']),
    text('title', 'The user\'s title, such as "Vice President"'),
    text('userType', 'The relationship between the organization and the user'),
    text('preferredLanguage', 'The user\'s preferred written or spoken language'),
    text('locale', 'The user\'s default location'),
    text('timezone', 'The user\'s time zone, in IANA form'),
    flag('active', 'Whether the user may sign in; false disables the account'),
    text('password', 'A cleartext password for the user, never returned', { mutability: 'writeOnly', returned: 'never' }),
    multiValued('emails', 'E-mail addresses; the primary (or work) one is the account\'s address', ['work', 'home', 'other']),
    multiValued('phoneNumbers', 'Phone numbers', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    complex('addresses', 'Physical mailing addresses', [
      text('formatted', 'The full mailing address'),
      text('streetAddress', 'The street address'),
      text('locality', 'The city or locality'),
      text('region', 'The state or region'),
      text('postalCode', 'The zip code or postal code'),
      text('country', 'The country name'),
      text('type', 'A label saying what the address is for', { canonicalValues: ['work', 'home', 'other'] }),
      flag('primary', 'The preferred mailing address'),
    ], { multiValued: true }),
  ],
};

/** RFC 7643 §4.3. */
export const ENTERPRISE_USER: ScimSchema = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    text('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person'),
    text('costCenter', 'Identifies the name of a cost center'),
    text('organization', 'Identifies the name of an organization'),
    text('division', 'Identifies the name of a division'),
    text('department', 'Identifies the name of a department'),
    complex('manager', 'The user\'s manager', [
      text('value', 'The id of the manager\'s User resource', { caseExact: true }),
      reference('$ref', 'The URI of the manager\'s User resource', ['User']),
      text('displayName', 'The display name of the manager', { mutability: 'readOnly' }),
    ]),
  ],
};

/** RFC 7643 §4.2; members are people (and groups) by their `id`. */
export const GROUP: ScimSchema = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    text('displayName', 'A human-readable name for the Group', { required: true, uniqueness: 'server' }),
    complex('members', 'The people and groups put directly in this group', [
      text('value', 'The id of the member', { caseExact: true, mutability: 'immutable' }),
      reference('$ref', 'The URI of the member resource', ['User', 'Group'], { mutability: 'immutable' }),
      text('display', 'The name of the member', { mutability: 'readOnly' }),
      text('type', 'The kind of member', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
    ], { multiValued: true }),
  ],
};

export const SCHEMAS: readonly ScimSchema[] = [USER, ENTERPRISE_USER, GROUP];

export const USER_RESOURCE: ResourceSchema = { core: USER, extensions: [ENTERPRISE_USER] };
export const GROUP_RESOURCE: ResourceSchema = { core: GROUP, extensions: [] };
