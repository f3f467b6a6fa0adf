import { OAuthError } from '@app/core';
import { checkDocumentShape } from './config-document-shape';

function fieldsOf(document: unknown): Record<string, string> | undefined {
  try {
    checkDocumentShape(document);
    return undefined;
  } catch (error) {
    if (error instanceof OAuthError) return error.fields;
    throw error;
  }
}

describe(checkDocumentShape.name, () => {
  it('passes objects the admin API would accept, with the fields only a document has', () => {
    expect(fieldsOf({
      applications: [{ client_id: 'a', client_secret: '${env:APP_A_SECRET}', client_name: 'A', redirect_uris: ['https://a.example/cb'] }],
      apis: [{ identifier: 'https://api.example', name: 'API', scopes: [{ name: 'read' }] }],
      groups: [{ name: 'eng', parents: ['all'] }],
    })).toBeUndefined();
  });

  it.each([
    [{ applications: [{ client_id: 'a' }, { client_id: 'b', first_party: 'yes' }] }, 'applications[1].first_party'],
    [{ apis: [{ identifier: 'https://api.example', name: 'API', scopes: [{ name: 'read' }, { name: 7 }] }] }, 'apis[0].scopes[1].name'],
    [{ groups: [{ name: 'g', description: 'x'.repeat(501) }] }, 'groups[0].description'],
  ])('refuses %j under the object\'s place in the file', (document, field) => {
    expect(Object.keys(fieldsOf(document) ?? {})).toEqual([field]);
  });

  it('refuses a document nested too deep before looking inside it', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 40; level++) deep = [deep];
    expect(Object.keys(fieldsOf({ applications: deep }) ?? {})).toEqual(['applications']);
  });
});
