import { createHash } from 'node:crypto';

/**
 * The built-in look of every page, served as /assets/pages.css: the pages' CSP allows stylesheets from
 * this origin only, never inline styles. Colours a brand may change are custom properties, set by
 * /assets/brand.css (loaded after this one); the fallbacks here are the built-in colours.
 */
export const PAGES_CSS = `body { font-family: system-ui, sans-serif; background: #f4f5f7; color: #1d2330; margin: 0; }
main { max-width: 26rem; margin: 8vh auto; background: #fff; padding: 2rem; border-radius: 8px;
       box-shadow: 0 1px 3px rgba(0,0,0,.15); }
h1 { font-size: 1.4rem; margin-top: 0; }
a { color: var(--brand-accent, #2450b2); }
:focus-visible { outline: 2px solid var(--brand-accent, #2450b2); outline-offset: 2px; }
label { display: block; margin: 1rem 0 .25rem; font-weight: 600; }
input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem;
       border: 1px solid #9aa3b5; border-radius: 4px; }
button { margin-top: 1.25rem; padding: .6rem 1.2rem; font-size: 1rem; border-radius: 4px;
         border: 1px solid var(--brand-accent, #2450b2); background: var(--brand-primary, #2f64d6);
         color: var(--brand-on-primary, #fff); cursor: pointer; }
button.secondary { background: #fff; color: var(--brand-accent, #2450b2); }
.error { background: #fdecea; color: #8a1c13; padding: .6rem; border-radius: 4px; }
ul.scopes li { margin: .3rem 0; }
.client { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .75rem; margin-bottom: 1rem; }
.client-logo { width: 48px; height: 48px; object-fit: contain; }
.client-name { font-weight: 600; margin: 0; }
.client-links { flex-basis: 100%; margin: 0; font-size: .9rem; }
.signed-in { margin: 1rem 0; }
form.inline { display: inline; }
button.link { margin: 0; padding: 0; border: 0; background: none; color: var(--brand-accent, #2450b2);
              text-decoration: underline; font-size: inherit; }
code { background: #eef0f4; padding: .1rem .3rem; border-radius: 3px; }

/* The organization's header (branding), at the top of every page. */
header.brand { display: flex; align-items: center; gap: .75rem; margin-bottom: 1.25rem; }
.brand-logo { max-height: 40px; max-width: 160px; object-fit: contain; }
.brand-name { font-weight: 700; font-size: 1.05rem; }

/* Front-Channel Logout 1.0 §3: the apps' logout pages load in frames nobody sees. */
iframe.frontchannel-logout { position: absolute; width: 0; height: 0; border: 0; }

/* The account pages: a narrow card suits sign-in; lists of sessions and apps need more room. */
main:has(nav.account) { max-width: 44rem; }
nav.account ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
nav.account a[aria-current] { font-weight: 700; }
main:has(nav.account) table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
main:has(nav.account) th, main:has(nav.account) td { text-align: left; padding: .4rem; border-bottom: 1px solid #dde1e8; vertical-align: top; }
main:has(nav.account) td form { display: inline; }
main:has(nav.account) td button, main:has(nav.account) form.inline button { margin-top: 0; padding: .3rem .7rem; font-size: .9rem; }
.notice { background: #e7f4ea; color: #17502a; padding: .6rem; border-radius: 4px; }
ol.codes { font-family: ui-monospace, monospace; font-size: 1.1rem; }
a.button { display: inline-block; margin-top: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** In the stylesheet's URL: a new release's stylesheet is fetched anew, an unchanged one stays cached. */
export const PAGES_CSS_DIGEST = createHash('sha256').update(PAGES_CSS).digest('base64url').slice(0, 16);
