import { InvalidRequest } from '@app/core';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../passwords/password-hasher.service';

// Letters, digits and the punctuation found in e-mail addresses; no spaces or control characters.
const USERNAME = /^[\p{L}\p{N}._@+-]{1,100}$/u;
const ROLE = /^[\w:.-]{1,64}$/;

export function assertUsername(username: string): void {
  if (!USERNAME.test(username)) {
    throw InvalidRequest.forField('username', 'must be 1-100 letters, digits or . _ @ + -');
  }
}

export function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw InvalidRequest.forField('password', `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
}

export function normalizeRoles(roles: readonly string[] | undefined): string[] {
  const unique = [...new Set(roles ?? [])];
  const bad = unique.find((role) => !ROLE.test(role));
  if (bad !== undefined) throw InvalidRequest.forField('roles', `the role "${bad.slice(0, 64)}" is not a valid name`);
  return unique;
}

