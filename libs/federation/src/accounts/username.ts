import type { UpstreamProfile } from './upstream-profile';

const ALLOWED = /[^\p{L}\p{N}._@+-]/gu;

/** A username our rules accept, from what the upstream offers: its username, the e-mail, or the subject. */
export function usernameFor(profile: UpstreamProfile, providerName: string): string {
  for (const candidate of [profile.username, profile.email]) {
    const cleaned = candidate?.replace(ALLOWED, '').slice(0, 100);
    if (cleaned) return cleaned;
  }
  return `${providerName}-${profile.subject.replace(ALLOWED, '').slice(0, 60) || 'person'}`;
}
