import { pageTranslator } from '../i18n/page-context';
import { escapeHtml } from './escape-html';

/** What a page shows of the application a person signs in to (RFC 7591 §2 client metadata). */
export interface ClientContext {
  clientId: string;
  clientName: string;
  logoUri?: string | null;
  clientUri?: string | null;
  policyUri?: string | null;
  tosUri?: string | null;
}

/**
 * The URL when it is absolute and uses one of `schemes`, else undefined: a javascript: or data: value,
 * even one stored before registration checked it, never becomes a link or an image.
 */
export function safeUrl(value: string | null | undefined, schemes: readonly string[] = ['https:', 'http:']): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return schemes.includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The logo is fetched by the person's browser from a page of ours: https only, so it cannot be tampered with in transit. */
export function logoOf(client: ClientContext): string | undefined {
  return safeUrl(client.logoUri, ['https:']);
}

/** The heading block naming the application: logo, name, and its home page, privacy policy and terms. */
export function renderClientContext(client: ClientContext): string {
  const name = client.clientName.trim() || client.clientId;
  const logo = logoOf(client);
  const image = logo ? `<img class="client-logo" src="${escapeHtml(logo)}" alt="" width="48" height="48">` : '';
  const t = pageTranslator();
  const links = [
    [t.t('client.website'), client.clientUri],
    [t.t('client.privacyPolicy'), client.policyUri],
    [t.t('client.termsOfService'), client.tosUri],
  ]
    .map(([label, href]) => [label, safeUrl(href)] as const)
    .filter((link): link is readonly [string, string] => link[1] !== undefined)
    .map(([label, href]) => `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(label)}</a>`);
  const nav = links.length ? `\n  <p class="client-links">${links.join(' · ')}</p>` : '';
  return `<section class="client" aria-label="${escapeHtml(t.t('client.section'))}">
  ${image}<p class="client-name">${escapeHtml(name)}</p>${nav}
</section>`;
}

/**
 * "Signed in as …", the person's name with their username, and "Not you?" (a link, or a form: so the
 * wrapper is a div, which may hold a form where a paragraph may not).
 */
export function renderSignedInAs(person: { name?: string | null; username: string }, notYou?: string): string {
  const t = pageTranslator();
  const who = person.name?.trim()
    ? t.html('signedInAs.name', { name: person.name.trim(), username: person.username })
    : t.html('signedInAs.username', { username: person.username });
  return `<div class="signed-in">${who}${notYou ? ` ${notYou}` : ''}</div>`;
}
