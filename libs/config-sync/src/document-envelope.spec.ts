import { OAuthError } from '@app/core';
import { checkEnvelope } from './document-envelope';
import { checkGroupNesting } from './group-nesting';
import { emptyDocument } from './config-document';
import type { LiveConfiguration } from './live-configuration.service';
import { parseReference, secretReferenceFor } from './secret-reference';

function fieldsOf(run: () => unknown): Record<string, string> | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return error.fields;
    throw error;
  }
  throw new Error('expected a refusal');
}

const envelope = { apiVersion: 'meridian-auth/v1', kind: 'Configuration' };

describe(checkEnvelope.name, () => {
  it('takes a document with missing sections as empty ones', () => {
    expect(checkEnvelope(envelope)).toEqual(emptyDocument());
  });

  it.each([
    [[], { document: 'must be a YAML or JSON object' }],
    [{ ...envelope, apiVersion: 'v2' }, { apiVersion: 'must be meridian-auth/v1' }],
    [{ ...envelope, kind: 'Other' }, { kind: 'must be Configuration' }],
    [{ ...envelope, groups: {} }, { groups: 'must be a list' }],
    [{ ...envelope, apis: ['x'] }, { 'apis[0]': 'must be an object' }],
    [{ ...envelope, applications: [{ client_name: 'no id' }] }, { 'applications[0].client_id': 'is required' }],
    [{ ...envelope, groups: [{ name: 'Eng' }, { name: 'eng' }] }, { 'groups[1].name': 'eng is listed twice' }],
  ])('refuses %j naming the field', (document, fields) => {
    expect(fieldsOf(() => checkEnvelope(document))).toEqual(fields);
  });
});

describe(checkGroupNesting.name, () => {
  const live = { document: { ...emptyDocument(), groups: [{ name: 'kept', parents: ['b'] }] } } as unknown as LiveConfiguration;

  it('refuses a loop through a group the server keeps, and allows it once pruning removes that group', () => {
    const document = { ...emptyDocument(), groups: [{ name: 'b', parents: ['kept'] }] };
    const desired = new Map([['b', { name: 'b', description: '', requireMfa: false, requirePhishingResistant: false, parents: ['kept'] }]]);
    expect(fieldsOf(() => checkGroupNesting(document, desired, live, false))).toEqual({ 'groups[0].parents': 'would put the group b inside itself' });
    expect(() => checkGroupNesting(document, new Map([['b', { ...desired.get('b')!, parents: [] }]]), live, true)).not.toThrow();
  });
});

describe('secret references', () => {
  it('names an export reference after the object key', () => {
    expect(secretReferenceFor('application', 'orders-web.v2')).toBe('${env:APP_ORDERS_WEB_V2_SECRET}');
    expect(secretReferenceFor('identity_provider', 'corp-ldap')).toBe('${env:IDP_CORP_LDAP_SECRET}');
  });

  it.each([
    ['${env:NAME}', { source: 'env', name: 'NAME' }],
    ['${file:/run/secrets/x}', { source: 'file', name: '/run/secrets/x' }],
    ['plain value', undefined],
    ['prefix ${env:NAME}', undefined],
    [42, undefined],
  ])('reads %j', (value, reference) => {
    expect(parseReference(value)).toEqual(reference);
  });
});
