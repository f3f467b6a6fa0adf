import { InvalidRequest, OAuthError } from '@app/core';

/**
 * Runs a check written for one admin API body and reports its problem under the object's place in the
 * document (`applications[2].redirect_uris[0]: ...`), so a file is refused where the API would refuse the
 * object, with the same message.
 */
export async function within<T>(path: string, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof OAuthError) || error.status !== 400) throw error;
    const [field, message] = Object.entries(error.fields ?? {})[0] ?? [undefined, error.description ?? error.code];
    throw problemAt(field === undefined ? path : `${path}.${field}`, message);
  }
}

/** A 400 naming the document field it concerns. */
export function problemAt(field: string, message: string): InvalidRequest {
  return InvalidRequest.forField(field, message);
}
